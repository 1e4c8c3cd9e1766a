package dev.engram.gateway.ingest;

import dev.engram.core.engine.MemoryEngine;
import dev.engram.core.ingest.EventStore;
import dev.engram.core.ingest.IngestProcessor;
import dev.engram.core.ingest.IngestQueue;
import dev.engram.core.ingest.RetryPolicy;
import dev.engram.core.ingest.journal.JournalIngestQueue;
import dev.engram.core.ingest.journal.JournalSettings;
import dev.engram.core.store.jdbc.JdbcEventStore;
import dev.engram.gateway.config.EngineProducer.PlatformDatabase;
import dev.engram.gateway.config.EngramConfig;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import java.time.Clock;

/**
 * The event store and ingest queue the add routes use, and the {@link IngestProcessor} that drains the queue into the
 * engine. Events live in the platform database (schema V2) and accepted adds in the durable journal under
 * {@code <data-dir>/journal}, so neither an event's status nor a PENDING add is lost when the process stops.
 */
@Singleton
public class IngestProducer {

    @Produces
    @Singleton
    EventStore eventStore(PlatformDatabase database) {
        return new JdbcEventStore(database.dataSource());
    }

    @Produces
    @Singleton
    IngestQueue ingestQueue(MemoryEngine engine, EventStore events, EngramConfig config, MeterRegistry registry) {
        var processor = new IngestProcessor(engine, events, Clock.systemUTC(), RetryPolicy.defaults(), registry);
        return JournalIngestQueue.open(config.dataDir().resolve("journal"), processor,
                JournalSettings.defaults().withPartitions(config.ingest().workers()), registry);
    }

    void close(@Disposes IngestQueue queue) {
        queue.close();
    }
}
