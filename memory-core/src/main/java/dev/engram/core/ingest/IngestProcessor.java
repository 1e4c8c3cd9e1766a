package dev.engram.core.ingest;

import dev.engram.core.domain.AddResult;
import dev.engram.core.engine.MemoryEngine;
import dev.engram.core.error.EngramException;
import dev.engram.core.error.StorageException;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Metrics;
import io.micrometer.core.instrument.Timer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CancellationException;

/**
 * Processes one queued add: marks it RUNNING, runs it through the engine, and records SUCCEEDED with the memory events
 * or FAILED with a reason. Every queue's consumer calls it.
 *
 * <ul>
 *   <li><b>Idempotent</b> under at-least-once delivery: an event that already SUCCEEDED is skipped, so a redelivery
 *       never runs the add twice.</li>
 *   <li>An event whose project was deleted while it was queued ({@link EventStore#deleteTenant} cancelled it) is
 *       dropped: nothing is written ({@link IngestOutcome#CANCELLED}).</li>
 *   <li><b>Failures the request itself causes</b> (any {@link EngramException} but {@link StorageException}: invalid,
 *       too large, conflicting) fail the event at once with the exception's message, which is written for clients.</li>
 *   <li><b>Anything else</b> (a backend, the model) is retried per {@link RetryPolicy}; when every attempt failed the
 *       event FAILS with a generic message (the cause is logged, not shown), unless the processor was built with
 *       {@link StorageOutage#REDELIVER}: then a {@link StorageException} (a backend unreachable: PostgreSQL, Qdrant) is
 *       thrown, the event stays RUNNING and the queue delivers it again later, however long the outage lasts.</li>
 *   <li>An interrupt while waiting to retry (the queue is shutting down) ends with {@link CancellationException} and
 *       leaves the event RUNNING for the next delivery.</li>
 * </ul>
 */
public final class IngestProcessor implements IngestHandler {

    /** The event type recorded for adds (Mem0's event_type). */
    public static final String ADD_EVENT = "ADD";

    private static final Logger LOG = LoggerFactory.getLogger(IngestProcessor.class);

    private final MemoryEngine engine;
    private final EventStore events;
    private final Clock clock;
    private final RetryPolicy retry;
    private final Map<IngestOutcome, Counter> outcomes = new EnumMap<>(IngestOutcome.class);
    private final Counter retries;
    private final Timer timer;
    private final Listener listener;
    private final StorageOutage storageOutage;

    /** What happens to an event whose every attempt failed on a {@link StorageException} (a backend unreachable). */
    public enum StorageOutage {
        /** The event FAILS (a queue that cannot redeliver, or tests that want the failure). */
        FAIL,
        /**
         * The {@link StorageException} is thrown and the event stays RUNNING, for a queue that redelivers (the Kafka
         * consumer seeks back to the record): an outage of any length delays adds but never fails them.
         */
        REDELIVER
    }

    /**
     * Told about every add this processor completed, after its SUCCEEDED status is recorded (the usage analytics hook).
     * Called on the processing thread: it must return quickly; what it throws is logged and ignored.
     */
    @FunctionalInterface
    public interface Listener {
        Listener NONE = (event, result) -> { };

        void succeeded(IngestEvent event, AddResult result);

        /** This listener, then {@code next}, which is told even when this one throws (that exception is rethrown). */
        default Listener andThen(Listener next) {
            Objects.requireNonNull(next, "next");
            return (event, result) -> {
                try {
                    succeeded(event, result);
                } finally {
                    next.succeeded(event, result);
                }
            };
        }
    }

    public IngestProcessor(MemoryEngine engine, EventStore events, Clock clock, RetryPolicy retry) {
        this(engine, events, clock, retry, Metrics.globalRegistry);
    }

    public IngestProcessor(MemoryEngine engine, EventStore events, Clock clock, RetryPolicy retry, MeterRegistry registry) {
        this(engine, events, clock, retry, registry, Listener.NONE);
    }

    public IngestProcessor(MemoryEngine engine, EventStore events, Clock clock, RetryPolicy retry, MeterRegistry registry,
                           Listener listener) {
        this(engine, events, clock, retry, registry, listener, StorageOutage.FAIL);
    }

    public IngestProcessor(MemoryEngine engine, EventStore events, Clock clock, RetryPolicy retry, MeterRegistry registry,
                           Listener listener, StorageOutage storageOutage) {
        this.storageOutage = Objects.requireNonNull(storageOutage, "storageOutage");
        this.listener = Objects.requireNonNull(listener, "listener");
        this.engine = Objects.requireNonNull(engine, "engine");
        this.events = Objects.requireNonNull(events, "events");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.retry = Objects.requireNonNull(retry, "retry");
        for (IngestOutcome outcome : IngestOutcome.values()) {
            outcomes.put(outcome, Counter.builder("engram.ingest.events").tag("outcome", outcome.name().toLowerCase())
                    .description("Ingest events processed, by outcome").register(registry));
        }
        this.retries = Counter.builder("engram.ingest.retries").description("Attempts retried after a transient failure").register(registry);
        this.timer = Timer.builder("engram.ingest.process").description("Time to process one ingest event, retries included")
                .publishPercentiles(0.5, 0.95, 0.99).register(registry);
    }

    /**
     * Processes the event.
     *
     * @throws PermanentIngestFailure when the event ended FAILED (the queue may dead-letter it)
     * @throws StorageException        with {@link StorageOutage#REDELIVER}, when a backend stayed unreachable through every
     *                                 attempt (the event is RUNNING; deliver it again later)
     */
    @Override
    public void handle(IngestEvent event) {
        if (process(event) == IngestOutcome.FAILED) {
            String reason = events.get(event.tenant(), event.eventId()).map(EventRecord::error).orElse("Processing failed");
            throw new PermanentIngestFailure(event.eventId(), reason, null);
        }
    }

    /** Processes the event and says how it ended; a FAILED event is recorded as such, not thrown. */
    public IngestOutcome process(IngestEvent event) {
        Timer.Sample sample = Timer.start();
        try {
            IngestOutcome outcome = run(event);
            outcomes.get(outcome).increment();
            return outcome;
        } finally {
            sample.stop(timer);
        }
    }

    private IngestOutcome run(IngestEvent event) {
        for (int attempt = 1; ; attempt++) {
            IngestOutcome notStarted = start(event);
            if (notStarted != null) return notStarted;
            try {
                AddResult result = engine.add(event.request());
                events.succeeded(event.tenant(), event.eventId(), result.events(), result.usage(), clock.instant());
                notifySucceeded(event, result);
                return IngestOutcome.SUCCEEDED;
            } catch (EngramException e) {
                if (!(e instanceof StorageException storage)) return fail(event, e.getMessage(), e);
                if (!retryAfter(event, attempt, e)) {
                    if (storageOutage == StorageOutage.REDELIVER) throw storage;
                    return fail(event, exhausted(attempt), e);
                }
            } catch (RuntimeException e) {
                if (!retryAfter(event, attempt, e)) return fail(event, exhausted(attempt), e);
            }
        }
    }

    /**
     * Marks the event RUNNING and answers null, or answers why it must not run: SKIPPED when it already SUCCEEDED,
     * CANCELLED when its project was deleted. An event the store does not know is recorded first: its record may not be
     * written yet (the gateway writes it while the queue takes the event, so a fast consumer can arrive first) or may be
     * lost (an in-memory store after a restart while the queue kept the event). A record that appears between the two
     * calls is not a success: only the SUCCEEDED status skips the event.
     */
    private IngestOutcome start(IngestEvent event) {
        if (events.started(event.tenant(), event.eventId(), clock.instant())) return null;
        Optional<EventRecord> found = events.get(event.tenant(), event.eventId());
        if (found.isPresent()) {
            IngestOutcome finished = finished(event, found.get());
            if (finished != null) return finished;
        }
        // The client's body when the edge sent it along; the queued form only for events queued before it did.
        String payload = event.payload() != null ? event.payload() : IngestJson.toJson(event);
        if (found.isEmpty()) events.created(event.tenant(), event.eventId(), ADD_EVENT, payload, event.receivedAt());
        if (events.started(event.tenant(), event.eventId(), clock.instant())) return null;
        return events.get(event.tenant(), event.eventId()).map(r -> finished(event, r)).orElse(IngestOutcome.SKIPPED);
    }

    /** SKIPPED for a SUCCEEDED record, CANCELLED for a cancelled one, else null. */
    private static IngestOutcome finished(IngestEvent event, EventRecord record) {
        if (record.status() == EventStatus.SUCCEEDED) return IngestOutcome.SKIPPED;
        if (EventTransitions.cancelled(record)) {
            LOG.info("Ingest event {} dropped: {}", event.eventId(), record.error());
            return IngestOutcome.CANCELLED;
        }
        return null;
    }

    private void notifySucceeded(IngestEvent event, AddResult result) {
        try {
            listener.succeeded(event, result);
        } catch (RuntimeException e) {
            LOG.warn("Ingest listener failed for event {}: {}", event.eventId(), e.toString());
        }
    }

    /** Waits before the next attempt; false when no attempt is left. */
    private boolean retryAfter(IngestEvent event, int attempt, RuntimeException failure) {
        if (attempt >= retry.maxAttempts()) return false;
        var delay = retry.delayAfter(attempt);
        LOG.warn("Ingest event {} failed (attempt {} of {}), retrying in {} ms: {}", event.eventId(), attempt, retry.maxAttempts(),
                delay.toMillis(), failure.toString());
        retries.increment();
        try {
            Thread.sleep(delay);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            var cancelled = new CancellationException("Interrupted while waiting to retry ingest event " + event.eventId());
            cancelled.initCause(failure);
            throw cancelled;
        }
        return true;
    }

    private IngestOutcome fail(IngestEvent event, String reason, RuntimeException cause) {
        if (cause instanceof EngramException && !(cause instanceof StorageException)) {
            LOG.info("Ingest event {} failed: {}", event.eventId(), reason);
        } else {
            LOG.error("Ingest event {} failed: {}", event.eventId(), reason, cause);
        }
        events.failed(event.tenant(), event.eventId(), reason, clock.instant());
        return IngestOutcome.FAILED;
    }

    private static String exhausted(int attempts) {
        return "Processing failed after " + attempts + (attempts == 1 ? " attempt" : " attempts") + " because of an internal error";
    }
}
