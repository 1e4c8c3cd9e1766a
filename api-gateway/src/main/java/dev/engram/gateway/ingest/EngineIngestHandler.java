package dev.engram.gateway.ingest;

import dev.engram.core.domain.AddResult;
import dev.engram.core.engine.MemoryEngine;
import dev.engram.core.error.EngramException;
import dev.engram.core.ingest.EventStore;
import dev.engram.core.ingest.IngestEvent;
import dev.engram.core.ingest.IngestHandler;

import java.time.Clock;

/** Processes one queued add on the engine and records its outcome; an event that already SUCCEEDED is skipped. */
public final class EngineIngestHandler implements IngestHandler {

    private final MemoryEngine engine;
    private final EventStore events;
    private final Clock clock;

    public EngineIngestHandler(MemoryEngine engine, EventStore events, Clock clock) {
        this.engine = engine;
        this.events = events;
        this.clock = clock;
    }

    @Override
    public void handle(IngestEvent event) {
        var tenant = event.tenant();
        if (!events.started(tenant, event.eventId(), clock.instant())) return;
        try {
            AddResult result = engine.add(event.request());
            events.succeeded(tenant, event.eventId(), result.events(), result.usage(), clock.instant());
        } catch (EngramException e) {
            events.failed(tenant, event.eventId(), e.getMessage(), clock.instant());
        } catch (RuntimeException e) {
            events.failed(tenant, event.eventId(), "Processing failed", clock.instant());
            throw e;
        }
    }
}
