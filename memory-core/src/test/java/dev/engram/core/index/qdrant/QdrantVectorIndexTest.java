package dev.engram.core.index.qdrant;

import dev.engram.core.spi.AbstractVectorIndexContractTest;
import dev.engram.core.spi.VectorIndex;
import org.junit.jupiter.api.AfterEach;

/** The {@link VectorIndex} contract, through a real Qdrant client, against the in-process Qdrant server. */
class QdrantVectorIndexTest extends AbstractVectorIndexContractTest {

    private InProcessQdrantServer server;

    @Override
    protected VectorIndex createIndex(int dimension) {
        server = InProcessQdrantServer.start();
        return QdrantVectorIndex.connect(server.newClient(), "engram_contract", dimension);
    }

    @AfterEach
    void stopServer() {
        if (server != null) server.close();
    }
}
