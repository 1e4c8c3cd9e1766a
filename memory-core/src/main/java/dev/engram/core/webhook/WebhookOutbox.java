package dev.engram.core.webhook;

import dev.engram.core.domain.MemoryEvent;
import dev.engram.core.domain.MemoryRecord;
import dev.engram.core.domain.MemoryState;
import dev.engram.core.domain.Tenant;
import dev.engram.core.engine.MemoryChangeListener;
import dev.engram.core.ingest.IngestProcessor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.util.Collection;
import java.util.List;
import java.util.Objects;

/**
 * Writes the webhook deliveries of a memory change into the outbox ({@link WebhookStore#enqueue}), right after the
 * change is stored: an add's results once its event SUCCEEDED ({@link #listener()}), an update or a delete once the
 * engine returned. It never throws and never waits on a receiver: a failure to queue is logged and counted as lost, the
 * change stands. Sending is the dispatcher's job. The same changes are then told to a {@link MemoryChangeListener} (the
 * profiles' change counter), which must not block either; what it throws is logged and ignored.
 */
public final class WebhookOutbox {

    private static final Logger LOG = LoggerFactory.getLogger(WebhookOutbox.class);

    private final WebhookStore store;
    private final Clock clock;
    private final MemoryChangeListener changes;

    public WebhookOutbox(WebhookStore store, Clock clock) {
        this(store, clock, MemoryChangeListener.NONE);
    }

    public WebhookOutbox(WebhookStore store, Clock clock, MemoryChangeListener changes) {
        this.store = Objects.requireNonNull(store, "store");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.changes = Objects.requireNonNull(changes, "changes");
    }

    /** What an add did (its results). */
    public void added(Tenant tenant, List<MemoryEvent> results) {
        record(tenant, WebhookPayloads.of(results));
        tell(() -> changes.added(tenant, results));
    }

    /** Memories an update changed, as they are now. */
    public void updated(Tenant tenant, Collection<MemoryRecord> memories) {
        record(tenant, memories.stream().map(m -> WebhookPayloads.event(WebhookEventType.MEMORY_UPDATE, m.id(), m.text())).toList());
        tell(() -> changes.changed(tenant, memories));
    }

    /** Memories a delete removed, as they were (the evidence deleted with them sends nothing). */
    public void deleted(Tenant tenant, Collection<MemoryRecord> memories) {
        record(tenant, memories.stream().filter(m -> m.state() != MemoryState.EVIDENCE)
                .map(m -> WebhookPayloads.event(WebhookEventType.MEMORY_DELETE, m.id(), m.text())).toList());
        tell(() -> changes.changed(tenant, memories));
    }

    /** The ingest hook: the deliveries of every add the processor completed. */
    public IngestProcessor.Listener listener() {
        return (event, result) -> added(event.tenant(), result.events());
    }

    private static void tell(Runnable listener) {
        try {
            listener.run();
        } catch (RuntimeException e) {
            LOG.warn("A memory change listener failed; the change stands", e);
        }
    }

    private void record(Tenant tenant, List<OutboundEvent> events) {
        if (events.isEmpty()) return;
        try {
            store.enqueue(tenant, events, clock.instant());
        } catch (RuntimeException e) {
            LOG.error("Webhook deliveries of {} memory event(s) of {} could not be queued and are lost", events.size(), tenant.key(), e);
        }
    }
}
