package dev.engram.core.index.qdrant;

import dev.engram.core.spi.AbstractVectorIndexContractTest;
import dev.engram.core.spi.VectorIndex;
import dev.engram.testing.qdrant.QdrantEmulator;
import org.junit.jupiter.api.AfterEach;

/** The {@link VectorIndex} contract, through a real Qdrant client, against the Qdrant emulator (in-process transport). */
class QdrantVectorIndexTest extends AbstractVectorIndexContractTest {

    private QdrantEmulator server;

    @Override
    protected VectorIndex createIndex(int dimension) {
        server = QdrantEmulator.start();
        return QdrantVectorIndex.connect(server.newClient(), "engram_contract", dimension);
    }

    @AfterEach
    void stopServer() {
        if (server != null) server.close();
    }
}
