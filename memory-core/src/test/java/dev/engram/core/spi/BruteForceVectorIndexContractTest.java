package dev.engram.core.spi;

/** Runs the contract against the brute-force reference index, which shows the contract test itself is consistent. */
class BruteForceVectorIndexContractTest extends AbstractVectorIndexContractTest {

    @Override
    protected VectorIndex createIndex(int dimension) {
        return new BruteForceVectorIndex(dimension);
    }
}
