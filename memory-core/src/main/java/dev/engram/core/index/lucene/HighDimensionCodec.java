package dev.engram.core.index.lucene;

import org.apache.lucene.codecs.KnnVectorsFormat;
import org.apache.lucene.codecs.KnnVectorsReader;
import org.apache.lucene.codecs.KnnVectorsWriter;
import org.apache.lucene.codecs.lucene104.Lucene104Codec;
import org.apache.lucene.index.SegmentReadState;
import org.apache.lucene.index.SegmentWriteState;

import java.io.IOException;

/**
 * Lucene's default codec with the HNSW vector format of a {@link VectorEncoding}, allowed up to
 * {@value #MAX_DIMENSIONS} dimensions instead of 1024, so 1536- and 3072-dimensional embeddings can be indexed. The
 * files are the standard ones of the wrapped format (the wrapper keeps its name), so a plain Lucene reader opens them.
 */
final class HighDimensionCodec extends Lucene104Codec {

    static final int MAX_DIMENSIONS = 4096;

    private final KnnVectorsFormat vectors;

    HighDimensionCodec(VectorEncoding encoding) {
        this.vectors = new HighDimensionHnswFormat(encoding.format());
    }

    @Override
    public KnnVectorsFormat getKnnVectorsFormatForField(String field) {
        return vectors;
    }

    private static final class HighDimensionHnswFormat extends KnnVectorsFormat {
        private final KnnVectorsFormat delegate;

        HighDimensionHnswFormat(KnnVectorsFormat delegate) {
            super(delegate.getName());
            this.delegate = delegate;
        }

        @Override
        public KnnVectorsWriter fieldsWriter(SegmentWriteState state) throws IOException {
            return delegate.fieldsWriter(state);
        }

        @Override
        public KnnVectorsReader fieldsReader(SegmentReadState state) throws IOException {
            return delegate.fieldsReader(state);
        }

        @Override
        public int getMaxDimensions(String fieldName) {
            return MAX_DIMENSIONS;
        }
    }
}
