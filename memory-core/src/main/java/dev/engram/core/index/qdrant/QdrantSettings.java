package dev.engram.core.index.qdrant;

import java.time.Duration;
import java.util.Objects;

/**
 * How to reach Qdrant over gRPC.
 *
 * @param host       Qdrant host name
 * @param port       gRPC port (6334 by default in Qdrant)
 * @param apiKey     API key sent with every call, or null when the server needs none
 * @param useTls     whether the channel uses TLS
 * @param collection the one collection holding every tenant's memories
 * @param timeout    deadline of every call
 */
public record QdrantSettings(String host, int port, String apiKey, boolean useTls, String collection, Duration timeout) {

    public static final int DEFAULT_GRPC_PORT = 6334;
    public static final String DEFAULT_COLLECTION = "engram_memories";
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);

    public QdrantSettings {
        Objects.requireNonNull(host, "host");
        if (host.isBlank()) throw new IllegalArgumentException("host must not be blank");
        if (port <= 0 || port > 65535) throw new IllegalArgumentException("port must be 1-65535, got " + port);
        if (collection == null || collection.isBlank()) collection = DEFAULT_COLLECTION;
        if (timeout == null) timeout = DEFAULT_TIMEOUT;
        if (timeout.isNegative() || timeout.isZero()) throw new IllegalArgumentException("timeout must be positive");
        if (apiKey != null && apiKey.isBlank()) apiKey = null;
    }

    /** Plain-text gRPC on the default port, default collection and timeout, no API key. */
    public static QdrantSettings local(String host) {
        return new QdrantSettings(host, DEFAULT_GRPC_PORT, null, false, DEFAULT_COLLECTION, DEFAULT_TIMEOUT);
    }

    @Override
    public String toString() {
        // never print the API key
        return "QdrantSettings[host=" + host + ", port=" + port + ", apiKey=" + (apiKey == null ? "none" : "***")
                + ", useTls=" + useTls + ", collection=" + collection + ", timeout=" + timeout + "]";
    }
}
