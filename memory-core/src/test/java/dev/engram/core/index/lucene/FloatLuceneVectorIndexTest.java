package dev.engram.core.index.lucene;

import dev.engram.core.spi.AbstractVectorIndexContractTest;
import dev.engram.core.spi.VectorIndex;

/** The vector index contract on float vectors (index format 1, what indexes made before INT8_COMPACT hold). */
class FloatLuceneVectorIndexTest extends AbstractVectorIndexContractTest {

    @Override
    protected VectorIndex createIndex(int dimension) {
        return LuceneVectorIndex.inMemory(dimension, VectorEncoding.FLOAT32);
    }
}
