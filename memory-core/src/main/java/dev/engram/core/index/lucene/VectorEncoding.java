package dev.engram.core.index.lucene;

import org.apache.lucene.codecs.KnnVectorsFormat;
import org.apache.lucene.codecs.lucene104.Lucene104HnswScalarQuantizedVectorsFormat;
import org.apache.lucene.codecs.lucene99.Lucene99HnswVectorsFormat;
import org.apache.lucene.util.quantization.QuantizedByteVectorValues.ScalarEncoding;

import java.util.function.Supplier;

/**
 * How {@link LuceneVectorIndex} keeps the vectors its HNSW graph searches. A quantized encoding keeps the float vectors
 * too (on disk, read only to rescore): the graph is searched on the quantized copy, for {@code oversample × k}
 * candidates, which are then rescored with the float vectors, so the scores a search returns are exact cosines.
 * Segments written with another encoding stay readable (each segment names its format); merges rewrite them.
 */
public enum VectorEncoding {

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

    /** Candidates per result taken from the graph before rescoring (1: no rescoring). */
    int oversample() {
        return oversample;
    }
}
