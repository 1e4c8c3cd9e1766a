package dev.engram.core.index.qdrant;

import dev.engram.core.spi.AbstractVectorIndexContractTest;
import dev.engram.core.spi.VectorIndex;
import io.qdrant.client.QdrantClient;
import io.qdrant.client.QdrantGrpcClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * The {@link VectorIndex} contract against a real Qdrant, when {@code QDRANT_URL} names its gRPC endpoint
 * ({@code http://localhost:6334}; {@code https://} for TLS) and, if needed, {@code QDRANT_API_KEY} its key. Each test
 * uses a collection of its own, dropped afterwards.
 */
@EnabledIfEnvironmentVariable(named = "QDRANT_URL", matches = ".+")
class QdrantRealServerTest extends AbstractVectorIndexContractTest {

    private final List<String> collections = new ArrayList<>();

    @Override
    protected VectorIndex createIndex(int dimension) {
        String collection = "engram_contract_" + UUID.randomUUID().toString().replace("-", "");
        collections.add(collection);
        return QdrantVectorIndex.connect(settings(collection), dimension);
    }

    @AfterEach
    void dropCollections() throws Exception {
        QdrantSettings s = settings("unused");
        QdrantGrpcClient.Builder grpc = QdrantGrpcClient.newBuilder(s.host(), s.port(), s.useTls());
        if (s.apiKey() != null) grpc.withApiKey(s.apiKey());
        try (QdrantClient client = new QdrantClient(grpc.build())) {
            for (String c : collections) client.deleteCollectionAsync(c).get(30, TimeUnit.SECONDS);
        }
        collections.clear();
    }

    private static QdrantSettings settings(String collection) {
        String url = System.getenv("QDRANT_URL");
        URI uri = URI.create(url.contains("://") ? url : "http://" + url);
        boolean tls = "https".equalsIgnoreCase(uri.getScheme());
        int port = uri.getPort() > 0 ? uri.getPort() : QdrantSettings.DEFAULT_GRPC_PORT;
        return new QdrantSettings(uri.getHost(), port, System.getenv("QDRANT_API_KEY"), tls, collection, Duration.ofSeconds(30));
    }
}
