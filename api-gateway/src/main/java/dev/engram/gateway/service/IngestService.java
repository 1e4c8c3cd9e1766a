package dev.engram.gateway.service;

import com.fasterxml.jackson.databind.JsonNode;
import dev.engram.core.domain.AddRequest;
import dev.engram.core.domain.AddResult;
import dev.engram.core.domain.Page;
import dev.engram.core.engine.MemoryEngine;
import dev.engram.core.error.NotFoundException;
import dev.engram.core.error.ValidationException;
import dev.engram.core.ingest.EventRecord;
import dev.engram.core.ingest.EventStore;
import dev.engram.core.ingest.IngestEvent;
import dev.engram.core.ingest.IngestQueue;
import dev.engram.core.usage.UsageEvent;
import dev.engram.core.usage.UsageSink;
import dev.engram.core.webhook.WebhookOutbox;
import dev.engram.gateway.config.EngramConfig;
import dev.engram.gateway.usage.RequestUsage;
import dev.engram.gateway.security.CallerContext;
import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import jakarta.annotation.PreDestroy;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Adds: what an add leaves out (instructions, categories, expiration, extraction mode) comes from its project's
 * defaults ({@link ProjectDefaultsCache}), resolved here so the queued event carries it. Background ones are recorded as PENDING events and queued durably; synchronous ones ({@code infer:false},
 * legacy {@code async_mode:false}, or {@code engram.ingest.synchronous}) run on the engine before the response.
 */
@ApplicationScoped
public class IngestService {

    private static final Logger LOG = Logger.getLogger(IngestService.class);

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
    private final RequestUsage usage;
    private final UsageSink usageSink;
    private final ProjectDefaultsCache projectDefaults;
    private final WebhookOutbox webhooks;
    private final Clock clock = Clock.systemUTC();
    /** Writes PENDING records beside the enqueue; virtual threads, since each just waits on the database. */
    private final ExecutorService recorder = Executors.newVirtualThreadPerTaskExecutor();

    IngestService(CallerContext caller, AddRequestReader reader, MemoryEngine engine, IngestQueue queue, EventStore events,
                  EngramConfig config, RequestUsage usage, UsageSink usageSink, ProjectDefaultsCache projectDefaults,
                  WebhookOutbox webhooks) {
        this.caller = caller;
        this.webhooks = webhooks;
        this.projectDefaults = projectDefaults;
        this.usage = usage;
        this.usageSink = usageSink;
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

    /**
     * A background add is acknowledged once it is durable in the queue (journal fsync or Kafka {@code acks=all}). The
     * PENDING record is written at the same time, on another thread, so the add waits for the slower of the two writes
     * rather than their sum. The queue is what must not lose the add: if the record fails the add still stands (the
     * processor records an event it does not find), and if the queue fails the record is marked FAILED and the client
     * gets an error, never PENDING.
     */
    public Accepted add(AddCommand command) {
        String eventId = UUID.randomUUID().toString();
        AddRequest asked = command.request();
        var request = projectDefaults.get(asked.scope().tenant()).applyTo(asked, LocalDate.now(clock)).withEventId(eventId);
        usage.added(request);
        if (!command.async() || alwaysSynchronous) {
            Instant started = clock.instant();
            AddResult result = engine.add(request);
            usageSink.emit(UsageEvent.memoryEvents(UsageEvent.Kind.MEMORY_EVENTS, request.scope().tenant(), clock.instant(),
                    request.scope().userId(), result.events(), result.usage()));
            recordSynchronous(request.scope().tenant(), eventId, command.payload(), started, result);
            // Off the response's path: the outbox write never slows the add (the outbox never throws).
            var tenant = request.scope().tenant();
            recorder.execute(() -> webhooks.added(tenant, result.events()));
            return new Accepted(eventId, result);
        }
        Instant now = clock.instant();
        var tenant = request.scope().tenant();
        CompletableFuture<Void> recorded = CompletableFuture.runAsync(() -> events.created(tenant, eventId, "ADD", command.payload(), now), recorder);
        try {
            queue.enqueue(new IngestEvent(request, now, command.payload()));
        } catch (RuntimeException e) {
            awaitRecord(recorded, eventId);
            events.failed(tenant, eventId, "The add could not be queued", clock.instant());
            throw e;
        }
        awaitRecord(recorded, eventId);
        return new Accepted(eventId, null);
    }

    /**
     * A synchronous add answers an event id too: its event is recorded SUCCEEDED so {@code GET /v1/event/{id}/} finds
     * it. The memories are written already; a failure to record the event is logged, not reported as a failed add.
     */
    private void recordSynchronous(dev.engram.core.domain.Tenant tenant, String eventId, String payload, Instant started, AddResult result) {
        try {
            events.recordSucceeded(tenant, eventId, "ADD", payload, started, result.events(), result.usage(), clock.instant());
        } catch (RuntimeException e) {
            LOG.warnf(e, "Event %s: the synchronous add was applied but its event was not recorded", eventId);
        }
    }

    private static void awaitRecord(CompletableFuture<Void> recorded, String eventId) {
        try {
            recorded.join();
        } catch (CompletionException | CancellationException e) {
            LOG.warnf(e.getCause() != null ? e.getCause() : e, "Event %s: the PENDING record was not written; it is recorded when processed", eventId);
        }
    }

    public EventRecord event(String id) {
        if (id == null || id.isBlank() || id.length() > 64) throw new ValidationException("event_id is not valid");
        return events.get(caller.tenant(), canonical(id)).orElseThrow(() -> new NotFoundException("Event not found"));
    }

    /** Event ids are UUIDs written in lower case; a UUID in any case names the same event (as memory ids do). */
    private static String canonical(String id) {
        if (id.length() != 36) return id;
        try {
            return UUID.fromString(id).toString();
        } catch (IllegalArgumentException e) {
            return id;
        }
    }

    /** A page of the caller's events; {@code page_size} within {@code engram.limits.page-size}, like every listing. */
    public Page<EventRecord> events(int page, int pageSize) {
        engine.limits().checkPageSize(pageSize);
        return events.list(caller.tenant(), page, pageSize);
    }

    @PreDestroy
    void close() {
        recorder.close(); // waits for records in flight
    }
}
