package dev.engram.core.index.lucene;

import dev.engram.core.spi.AbstractVectorIndexContractTest;
import dev.engram.core.spi.VectorIndex;

/** The vector index contract on 4-bit quantized vectors (5× candidates rescored with the float vectors). */
class Int4LuceneVectorIndexTest extends AbstractVectorIndexContractTest {

    @Override
    protected VectorIndex createIndex(int dimension) {
        return LuceneVectorIndex.inMemory(dimension, VectorEncoding.INT4);
    }
}
