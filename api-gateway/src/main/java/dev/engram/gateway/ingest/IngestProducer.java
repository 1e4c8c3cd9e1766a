package dev.engram.gateway.ingest;

import dev.engram.core.engine.MemoryEngine;
import dev.engram.core.ingest.EventStore;
import dev.engram.core.ingest.IngestQueue;
import dev.engram.gateway.config.EngramConfig;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import java.time.Clock;

/** The event store and ingest queue the add routes use, and the worker that drains the queue into the engine. */
@Singleton
public class IngestProducer {

    @Produces
    @Singleton
    EventStore eventStore() {
        return new InProcessEventStore();
    }

    @Produces
    @Singleton
    IngestQueue ingestQueue(MemoryEngine engine, EventStore events, EngramConfig config) {
        return new InProcessIngestQueue(config.ingest().workers(), new EngineIngestHandler(engine, events, Clock.systemUTC()));
    }

    void close(@Disposes IngestQueue queue) {
        queue.close();
    }
}
