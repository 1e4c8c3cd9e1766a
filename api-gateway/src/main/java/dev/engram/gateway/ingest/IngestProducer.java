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
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.event.Observes;
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

    /**
     * Opens the journal at start, not at the first add: opening it redelivers what a previous run accepted but did not
     * finish, and those events must complete even if no new add arrives.
     */
    void openAtStart(@Observes StartupEvent event, IngestQueue queue) {
        queue.getClass(); // resolving the bean opens the journal
    }

    /**
     * Drains and closes the queue while the database and engine are still open: bean disposal order is not defined, and
     * an event whose status could not be written would be dead-lettered instead of redelivered at the next start.
     */
    void closeAtShutdown(@Observes ShutdownEvent event, IngestQueue queue) {
        queue.close();
    }

    void close(@Disposes IngestQueue queue) {
        queue.close(); // already closed at shutdown; closing again is a no-op
    }
}
