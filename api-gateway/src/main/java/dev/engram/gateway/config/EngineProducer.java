package dev.engram.gateway.config;

import dev.engram.core.Memory;
import dev.engram.core.engine.MemoryEngine;
import dev.engram.core.export.ExportJobStore;
import dev.engram.core.engine.RequestLimits;
import dev.engram.core.ingest.EventStore;
import dev.engram.core.platform.PlatformStores;
import dev.engram.core.profile.ProfileRefresh;
import dev.engram.core.spi.MemoryStore;
import dev.engram.core.tenant.ApiKeyStore;
import dev.engram.core.webhook.WebhookOutbox;
import dev.engram.core.webhook.WebhookStore;
import dev.engram.core.feedback.FeedbackStore;
import dev.engram.platform.backend.PlatformMemory;
import dev.engram.platform.backend.SystemOfRecord;
import dev.engram.platform.store.postgres.PostgresStores;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import java.time.Clock;

/**
 * Builds the gateway's storage and engine from {@link EngramConfig}: the stores {@code engram.storage.kind} selects
 * ({@link SystemOfRecord}) and the engine on the index {@code engram.index.kind} selects ({@link PlatformMemory}), both
 * shared with the ingest worker.
 */
@Singleton
public class EngineProducer {

    private static final int POOL_SIZE = 16;

    private final EngramConfig config;

    EngineProducer(EngramConfig config) {
        this.config = config;
    }

    /** The memory, event and key stores, owned here. */
    @Produces
    @Singleton
    PlatformStores stores(Instance<PostgresStores> postgres) {
        return SystemOfRecord.open(config.storage(), config.dataDir(), POOL_SIZE, postgres);
    }

    void closeStores(@Disposes PlatformStores stores) {
        stores.close();
    }

    @Produces
    @Singleton
    MemoryStore memoryStore(PlatformStores stores) {
        return stores.memories();
    }

    @Produces
    @Singleton
    EventStore eventStore(PlatformStores stores) {
        return stores.events();
    }

    @Produces
    @Singleton
    ApiKeyStore apiKeyStore(PlatformStores stores) {
        return stores.keys();
    }

    @Produces
    @Singleton
    WebhookStore webhookStore(PlatformStores stores) {
        return stores.webhooks();
    }

    @Produces
    @Singleton
    ExportJobStore exportJobStore(PlatformStores stores) {
        return stores.exports();
    }

    @Produces
    @Singleton
    FeedbackStore feedbackStore(PlatformStores stores) {
        return stores.feedback();
    }

    @Produces
    @Singleton
    WebhookOutbox webhookOutbox(WebhookStore webhooks, ProfileRefresh profiles) {
        // The outbox hears of every memory change this process makes: it also counts them for the users' profiles.
        return new WebhookOutbox(webhooks, Clock.systemUTC(), profiles);
    }

    @Produces
    @Singleton
    Memory memory(MemoryStore store, MeterRegistry registry) {
        RequestLimits limits = new RequestLimits(config.limits().topK(), config.limits().pageSize());
        return PlatformMemory.open(store, config.dataDir(), config.index(), config.qdrant(), config.llm(), limits, registry);
    }

    void closeMemory(@Disposes Memory memory) {
        memory.close();
    }

    @Produces
    @Singleton
    MemoryEngine engine(Memory memory) {
        return memory.engine();
    }
}
