package dev.engram.worker.platform;

import dev.engram.core.Memory;
import dev.engram.core.engine.MemoryEngine;
import dev.engram.core.ingest.EventStore;
import dev.engram.core.profile.ProfileRefresh;
import dev.engram.core.webhook.WebhookOutbox;
import dev.engram.core.platform.PlatformStores;
import dev.engram.platform.backend.PlatformMemory;
import dev.engram.platform.backend.SystemOfRecord;
import dev.engram.platform.store.postgres.PostgresStores;
import dev.engram.worker.config.WorkerConfig;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/**
 * The worker's storage seam: the ONE place {@code engram.storage.kind} and {@code engram.index.kind} turn into a
 * {@link MemoryEngine} and an {@link EventStore}. EMBEDDED opens a SQLite (or H2) database under the data directory; POSTGRES uses
 * the Panache stores on {@code quarkus.datasource}, shared with the gateways and the other workers. The index is Lucene
 * under the data directory (one worker only) or the shared Qdrant collection; the LLM ({@code engram.llm.*}) when set.
 */
@Singleton
public class BackendProducer {

    private static final int POOL_SIZE = 8;

    private final WorkerConfig config;
    private final MeterRegistry registry;

    BackendProducer(WorkerConfig config, MeterRegistry registry) {
        this.config = config;
        this.registry = registry;
    }

    @Produces
    @Singleton
    Backend backend(Instance<PostgresStores> postgres) {
        PlatformStores stores = SystemOfRecord.open(config.storage(), config.dataDir(), POOL_SIZE, postgres);
        try {
            Memory memory = PlatformMemory.open(stores.memories(), config.dataDir(), config.index(), config.qdrant(), config.llm(), registry);
            return new Backend(memory, stores);
        } catch (RuntimeException e) {
            stores.close();
            throw e;
        }
    }

    void close(@Disposes Backend backend) {
        backend.close();
    }

    @Produces
    @Singleton
    MemoryEngine engine(Backend backend) {
        return backend.memory().engine();
    }

    /**
     * The outbox of webhook deliveries; the gateways send them. It also counts each user's memory changes for their
     * profile in the shared store; the gateways regenerate a profile whose count passed their threshold when it is read.
     */
    @Produces
    @Singleton
    WebhookOutbox webhookOutbox(Backend backend, ProfileRefresh profiles) {
        return new WebhookOutbox(backend.stores().webhooks(), java.time.Clock.systemUTC(), profiles);
    }

    @Produces
    @Singleton
    ProfileRefresh profileChanges(Backend backend) {
        return ProfileRefresh.countingOnly(backend.stores().profiles(), backend.stores().memories());
    }

    void closeProfileChanges(@Disposes ProfileRefresh profiles) {
        profiles.close();
    }

    @Produces
    @Singleton
    EventStore eventStore(Backend backend) {
        return backend.stores().events();
    }

    /** What the worker processes events with, and what to close when it stops. */
    public record Backend(Memory memory, PlatformStores stores) {

        void close() {
            try {
                memory.close();
            } finally {
                stores.close();
            }
        }
    }
}
