package dev.engram.core.ingest;

import dev.engram.core.domain.AddRequest;
import dev.engram.core.domain.Tenant;

import java.time.Instant;

/**
 * One accepted add, as it travels from the edge (gateway) to the worker: the schema of the ingestion queue, defined once.
 * {@code request.eventId()} is the event id the client polls; {@code request.scope()} carries the tenant.
 *
 * @param receivedAt when the edge accepted it (the event's created_at)
 * @param payload    the client's request body as JSON text, shown as the event's payload; null when not known
 */
public record IngestEvent(AddRequest request, Instant receivedAt, String payload) {

    public IngestEvent {
        if (request.eventId() == null) throw new IllegalArgumentException("an ingest event needs an event id");
    }

    public IngestEvent(AddRequest request, Instant receivedAt) {
        this(request, receivedAt, null);
    }

    public String eventId() {
        return request.eventId();
    }

    public Tenant tenant() {
        return request.scope().tenant();
    }

    /**
     * The ordering key: one scope's events are processed in order (queues partition by it), different scopes in parallel.
     */
    public String orderingKey() {
        var s = request.scope();
        return s.tenant().key() + "|" + s.userId() + "|" + s.agentId() + "|" + s.runId() + "|" + s.appId();
    }
}
