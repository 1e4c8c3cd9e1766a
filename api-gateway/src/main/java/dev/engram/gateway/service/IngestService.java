package dev.engram.gateway.service;

import com.fasterxml.jackson.databind.JsonNode;
import dev.engram.core.domain.AddResult;
import dev.engram.core.domain.Page;
import dev.engram.core.engine.MemoryEngine;
import dev.engram.core.error.NotFoundException;
import dev.engram.core.error.ValidationException;
import dev.engram.core.ingest.EventRecord;
import dev.engram.core.ingest.EventStore;
import dev.engram.core.ingest.IngestEvent;
import dev.engram.core.ingest.IngestQueue;
import dev.engram.gateway.config.EngramConfig;
import dev.engram.gateway.security.CallerContext;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;
import java.time.Instant;
import java.util.UUID;

/**
 * Adds: background ones are recorded as PENDING events and queued durably; synchronous ones ({@code infer:false},
 * legacy {@code async_mode:false}, or {@code engram.ingest.synchronous}) run on the engine before the response.
 */
@ApplicationScoped
public class IngestService {

    /** The result of an add: either a queued event id or the engine's result. */
    public record Accepted(String eventId, AddResult result) {
        public boolean queued() {
            return result == null;
        }
    }

    private final CallerContext caller;
    private final AddRequestReader reader;
    private final MemoryEngine engine;
    private final IngestQueue queue;
    private final EventStore events;
    private final boolean alwaysSynchronous;
    private final Clock clock = Clock.systemUTC();

    IngestService(CallerContext caller, AddRequestReader reader, MemoryEngine engine, IngestQueue queue, EventStore events,
                  EngramConfig config) {
        this.caller = caller;
        this.reader = reader;
        this.engine = engine;
        this.queue = queue;
        this.events = events;
        this.alwaysSynchronous = config.ingest().synchronous();
    }

    /** Parses the add body; {@code legacy} selects the v1 semantics of {@code async_mode}. */
    public AddCommand read(JsonNode body, boolean legacy) {
        return reader.read(caller.tenant(), body, legacy);
    }

    public Accepted add(AddCommand command) {
        String eventId = UUID.randomUUID().toString();
        var request = command.request().withEventId(eventId);
        if (!command.async() || alwaysSynchronous) return new Accepted(eventId, engine.add(request));
        Instant now = clock.instant();
        events.created(request.scope().tenant(), eventId, "ADD", command.payload(), now);
        try {
            queue.enqueue(new IngestEvent(request, now));
        } catch (RuntimeException e) {
            events.failed(request.scope().tenant(), eventId, "The add could not be queued", clock.instant());
            throw e;
        }
        return new Accepted(eventId, null);
    }

    public EventRecord event(String id) {
        if (id == null || id.isBlank() || id.length() > 64) throw new ValidationException("event_id is not valid");
        return events.get(caller.tenant(), id).orElseThrow(() -> new NotFoundException("Event not found"));
    }

    public Page<EventRecord> events(int page, int pageSize) {
        return events.list(caller.tenant(), page, pageSize);
    }
}
