package dev.engram.worker.config;

import dev.engram.platform.config.IndexConfig;
import dev.engram.platform.config.IngestTopicConfig;
import dev.engram.platform.config.LlmConfig;
import dev.engram.platform.config.StorageConfig;
import dev.engram.platform.config.UsageConfig;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.nio.file.Path;
import java.time.Duration;

/**
 * The ingest worker's typed configuration ({@code engram.*}); the Kafka client itself is configured by {@code kafka.*}
 * ({@code kafka.bootstrap.servers}, security, timeouts), as in the gateway.
 */
@ConfigMapping(prefix = "engram")
public interface WorkerConfig {

    /** Where the embedded store (storage kind EMBEDDED) and the Lucene index (index kind LUCENE) live. */
    @WithDefault("${user.home}/.engram/worker")
    Path dataDir();

    /** The system of record: the embedded H2 file or PostgreSQL (shared with the gateways). */
    StorageConfig storage();

    /** The vector index: Lucene under the data directory or the shared Qdrant collection. */
    IndexConfig index();

    /** How to reach Qdrant, used when {@code engram.index.kind=QDRANT}. */
    IndexConfig.Qdrant qdrant();

    /** The optional LLM for extraction and reconciliation; without it the offline extractor is used. */
    LlmConfig llm();

    /**
     * When true the process applies the database migrations (Flyway, at start) and exits with status 0 without
     * consuming: the Helm chart's pre-install/pre-upgrade hook.
     */
    @WithDefault("false")
    boolean migrateOnly();

    Kafka kafka();

    /** Usage events for the dashboard's analytics: one per processed add ({@code engram.usage.*}). */
    Usage usage();

    interface Usage extends UsageConfig {
        /** Publish usage events (the worker always has Kafka, so on by default). */
        @WithDefault("true")
        boolean enabled();
    }

    interface Kafka extends IngestTopicConfig {
        /** Where records that cannot be processed go, with a {@code reason} header. */
        @WithDefault("engram.ingest.v1.dlq")
        String deadLetterTopic();

        /** The consumer group: workers of one group share the topic's partitions. */
        @WithDefault("engram-ingest-worker")
        String group();

        /** Records per poll: small, because each is processed (with retries) before the next poll. */
        @WithDefault("10")
        int maxPollRecords();

        /** How long one poll waits for records. */
        @WithDefault("500ms")
        Duration pollTimeout();

        /** Whether the consumer starts with the application. */
        @WithDefault("true")
        boolean enabled();
    }
}
