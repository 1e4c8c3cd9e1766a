package dev.engram.core.index.lucene;

import org.apache.lucene.codecs.KnnVectorsFormat;
import org.apache.lucene.codecs.lucene104.Lucene104HnswScalarQuantizedVectorsFormat;
import org.apache.lucene.codecs.lucene99.Lucene99HnswVectorsFormat;
import org.apache.lucene.util.quantization.QuantizedByteVectorValues.ScalarEncoding;

import java.util.function.Supplier;

/**
 * How {@link LuceneVectorIndex} keeps the vectors its HNSW graph searches.
 *
 * <p>{@link #INT8_COMPACT} (the default for new indexes) keeps only 8-bit vectors, over each vector's non-zero span
 * ({@link CompactVectors}): about a quarter of the float bytes, an eighth for a bilingual embedding; scores are cosines
 * up to the stored vectors' rounding. It is an index format of its own (format 2): an index keeps the format it was
 * created with, whatever encoding is configured later, except that a float index opened with INT8_COMPACT and its store
 * is rewritten compact ({@link FloatIndexMigration}, unless {@link LuceneIndexOptions#migrateFloatIndex()} is false).
 *
 * <p>The others are float indexes (format 1). A scalar-quantized one keeps the float vectors too (on disk, read only to
 * rescore), so it is not smaller on disk: the graph is searched on the quantized copy, for {@code oversample × k}
 * candidates, which are then rescored with the float vectors, so the scores a search returns are exact cosines.
 * Segments written with another float encoding stay readable (each segment names its format); merges rewrite them.
 */
public enum VectorEncoding {

    /** 8-bit vectors of each vector's non-zero span, no float copy; 10× candidates per span rescored with the float query. */
    INT8_COMPACT(Lucene99HnswVectorsFormat::new, 10),
    /** Float vectors only (Lucene99HnswVectorsFormat). */
    FLOAT32(Lucene99HnswVectorsFormat::new, 1),
    /** 8 bits per dimension (optimized scalar quantization), 2× candidates rescored. */
    INT8(() -> new Lucene104HnswScalarQuantizedVectorsFormat(ScalarEncoding.UNSIGNED_BYTE, 16, 100), 2),
    /** 7 bits per dimension, 5× candidates rescored. */
    INT7(() -> new Lucene104HnswScalarQuantizedVectorsFormat(ScalarEncoding.SEVEN_BIT, 16, 100), 5),
    /** 4 bits per dimension, 5× candidates rescored (recall@10 1.0 at 10 000 memories, docs/benchmarks.md). */
    INT4(() -> new Lucene104HnswScalarQuantizedVectorsFormat(ScalarEncoding.PACKED_NIBBLE, 16, 100), 5),
    /** 1 bit per dimension (4-bit queries), 10× candidates rescored. */
    BIT(() -> new Lucene104HnswScalarQuantizedVectorsFormat(ScalarEncoding.SINGLE_BIT_QUERY_NIBBLE, 16, 100), 10);

    private final Supplier<KnnVectorsFormat> format;
    private final int oversample;

    VectorEncoding(Supplier<KnnVectorsFormat> format, int oversample) {
        this.format = format;
        this.oversample = oversample;
    }

    KnnVectorsFormat format() {
        return format.get();
    }

    /** True for the 8-bit span layout (index format 2), false for the float layouts (format 1). */
    boolean compact() {
        return this == INT8_COMPACT;
    }

    /** Candidates per result taken from the graph before rescoring (1: no rescoring). */
    int oversample() {
        return oversample;
    }
}
