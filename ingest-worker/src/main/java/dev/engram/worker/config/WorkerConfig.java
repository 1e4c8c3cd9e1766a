package dev.engram.worker.config;

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

    /** Where the embedded store and index live (storage kind EMBEDDED). */
    @WithDefault("${user.home}/.engram/worker")
    Path dataDir();

    Storage storage();

    Kafka kafka();

    interface Storage {
        @WithDefault("EMBEDDED")
        StorageKind kind();
    }

    /** Storage implementations {@code dev.engram.worker.platform.BackendProducer} can build. */
    enum StorageKind {
        /** H2 store and Lucene index under {@code engram.data-dir}: one worker process per data directory. */
        EMBEDDED
    }

    interface Kafka {
        /** The topic the gateway produces accepted adds to. */
        @WithDefault("engram.ingest.v1")
        String topic();

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
