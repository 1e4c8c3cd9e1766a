package dev.engram.platform.config;

import io.smallrye.config.WithDefault;

/**
 * {@code engram.kafka.*}, the part the gateway (producer) and the ingest workers (consumers) share: the topic accepted
 * adds travel on. Each app's {@code Kafka} group extends this one with its side's settings; the Kafka client itself is
 * configured by {@code kafka.*}.
 */
public interface IngestTopicConfig {

    /** The topic the gateway produces accepted adds to and the workers consume. */
    @WithDefault("engram.ingest.v1")
    String topic();
}
