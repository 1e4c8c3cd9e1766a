package dev.engram.core.engine;

import dev.engram.core.domain.MemoryEvent;
import dev.engram.core.domain.MemoryRecord;
import dev.engram.core.domain.Tenant;

import java.util.Collection;
import java.util.List;

/**
 * Told about every memory change once it is stored, by the one place that already hears of all of them (the webhook
 * outbox: an add's results, an update's and a delete's memories). Implementations must return at once (hand the work
 * to their own thread) and never throw into the change: the caller ignores what they throw.
 */
public interface MemoryChangeListener {

    MemoryChangeListener NONE = new MemoryChangeListener() {
        @Override
        public void added(Tenant tenant, List<MemoryEvent> results) {
        }

        @Override
        public void changed(Tenant tenant, Collection<MemoryRecord> memories) {
        }
    };

    /** What an add did (its results). */
    void added(Tenant tenant, List<MemoryEvent> results);

    /** Memories an update or a delete changed. */
    void changed(Tenant tenant, Collection<MemoryRecord> memories);
}
