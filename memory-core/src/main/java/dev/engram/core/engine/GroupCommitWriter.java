package dev.engram.core.engine;

import dev.engram.core.domain.HistoryEntry;
import dev.engram.core.domain.MemoryRecord;
import dev.engram.core.domain.Tenant;
import dev.engram.core.spi.IndexEntry;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Group commit for writes that only add new memories (verbatim adds): writes that arrive while a group is being written
 * wait, then the first of them writes all of them with one store transaction per tenant, one index write and one
 * refresh. A lone write is written at once (no timer, no added latency). Each caller returns when its own write is
 * stored and searchable, or throws its own failure: when a group's shared transaction fails (it changed nothing,
 * {@link AtomicWriter}), its writes are retried one by one, so one bad write fails only its own add.
 */
final class GroupCommitWriter {

    /** One add's new memories, with their history and index entries. */
    record Write(Tenant tenant, List<MemoryRecord> records, List<HistoryEntry> history, List<IndexEntry> upserts) {
    }

    /** A write and its outcome. */
    record Queued(Write write, CompletableFuture<Void> done) {
    }

    private final AtomicWriter writer;
    private final ReentrantLock queueLock = new ReentrantLock();
    /** Held by the caller writing a group; the next group forms while it is held. */
    private final ReentrantLock leader = new ReentrantLock();
    private List<Queued> queued = new ArrayList<>();

    GroupCommitWriter(AtomicWriter writer) {
        this.writer = writer;
    }

    /** Returns once {@code write} is stored and searchable; throws what writing it alone would throw. */
    void write(Write write) {
        Queued mine = new Queued(write, new CompletableFuture<>());
        queueLock.lock();
        try {
            queued.add(mine);
        } finally {
            queueLock.unlock();
        }
        leader.lock();
        try {
            // an earlier leader may have written it while this caller waited for the lock
            if (!mine.done().isDone()) {
                List<Queued> group = take();
                try {
                    writeGroup(group);
                } catch (RuntimeException | Error e) {
                    for (Queued q : group) q.done().completeExceptionally(e); // no caller is left waiting
                    throw e;
                }
            }
        } finally {
            leader.unlock();
        }
        try {
            mine.done().join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException r) throw r;
            if (e.getCause() instanceof Error err) throw err;
            throw e;
        }
    }

    private List<Queued> take() {
        queueLock.lock();
        try {
            List<Queued> group = queued;
            queued = new ArrayList<>();
            return group;
        } finally {
            queueLock.unlock();
        }
    }

    /** Writes {@code group} (what the leader does); each future completes with its write's outcome. */
    void writeGroup(List<Queued> group) {
        Map<Tenant, List<Queued>> byTenant = new LinkedHashMap<>();
        for (Queued q : group) byTenant.computeIfAbsent(q.write().tenant(), t -> new ArrayList<>()).add(q);
        List<Queued> written = new ArrayList<>();
        List<Tenant> touched = new ArrayList<>();
        for (var e : byTenant.entrySet()) {
            List<Queued> writes = e.getValue();
            try {
                if (writer.writeUnrefreshed(e.getKey(), merged(writes, Write::records), merged(writes, Write::history),
                        merged(writes, Write::upserts), List.of())) {
                    touched.add(e.getKey());
                }
                written.addAll(writes);
            } catch (RuntimeException failure) {
                if (writes.size() == 1) {
                    writes.getFirst().done().completeExceptionally(failure);
                    continue;
                }
                // the shared transaction changed nothing: each write on its own, so only a bad one fails
                for (Queued q : writes) {
                    try {
                        Write w = q.write();
                        if (writer.writeUnrefreshed(w.tenant(), w.records(), w.history(), w.upserts(), List.of())) touched.add(w.tenant());
                        written.add(q);
                    } catch (RuntimeException alone) {
                        q.done().completeExceptionally(alone);
                    }
                }
            }
        }
        if (!touched.isEmpty()) writer.refresh(touched.getFirst()); // one reopen covers every tenant's writes
        for (Queued q : written) q.done().complete(null);
    }

    private static <T> List<T> merged(List<Queued> writes, java.util.function.Function<Write, List<T>> part) {
        if (writes.size() == 1) return part.apply(writes.getFirst().write());
        List<T> out = new ArrayList<>();
        for (Queued q : writes) out.addAll(part.apply(q.write()));
        return out;
    }
}
