package dev.engram.core.usage;

import dev.engram.core.domain.AddResult;
import dev.engram.core.ingest.IngestEvent;
import dev.engram.core.ingest.IngestProcessor;

import java.time.Clock;
import java.util.Objects;

/**
 * Emits an {@link UsageEvent.Kind#INGEST} usage event for every queued add an {@link IngestProcessor} completed: the memory
 * events by type and the LLM tokens the extraction spent. Keeps memory-core free of the transport: the apps pass a sink.
 */
public final class IngestUsageRecorder implements IngestProcessor.Listener {

    private final UsageSink sink;
    private final Clock clock;

    public IngestUsageRecorder(UsageSink sink, Clock clock) {
        this.sink = Objects.requireNonNull(sink, "sink");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public void succeeded(IngestEvent event, AddResult result) {
        sink.emit(UsageEvent.memoryEvents(UsageEvent.Kind.INGEST, event.tenant(), clock.instant(),
                event.request().scope().userId(), result.events(), result.usage()));
    }
}
