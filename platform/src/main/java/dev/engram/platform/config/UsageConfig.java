package dev.engram.platform.config;

import io.smallrye.config.WithDefault;

/**
 * {@code engram.usage.*}, the part every app that publishes usage events shares (api-gateway, ingest-worker): the topic
 * and the buffer in front of it. Each app's {@code Usage} group extends this one with when it publishes.
 */
public interface UsageConfig {

    /** The usage topic, keyed by tenant. */
    @WithDefault("engram.usage.v1")
    String topic();

    /** Events buffered while Kafka is slow or away; beyond this they are dropped and counted (engram.usage.dropped). */
    @WithDefault("10000")
    int bufferSize();
}
