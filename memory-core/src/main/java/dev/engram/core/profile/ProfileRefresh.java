package dev.engram.core.profile;

import dev.engram.core.domain.MemoryEvent;
import dev.engram.core.domain.MemoryRecord;
import dev.engram.core.domain.MemoryState;
import dev.engram.core.domain.Tenant;
import dev.engram.core.engine.MemoryChangeListener;
import dev.engram.core.spi.MemoryStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Regenerates a user's profile when their memories changed enough: every add result that changed something (ADD,
 * UPDATE, SUPERSEDE, DELETE; not NONE), every updated and every deleted memory counts one change for its user
 * ({@link ProfileStore#countChanges}); once a user has {@code threshold} changes since their last generation and their
 * project has profiles on, a regeneration is queued ({@link ProfileJobs#refresh}). Counting happens on this class' own
 * thread, off the change's path, so an add, update or delete never waits for profiles and never fails because of them;
 * when that thread's queue is full the changes are dropped (logged), which only delays a regeneration.
 */
public final class ProfileRefresh implements MemoryChangeListener, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ProfileRefresh.class);
    /** Change notices waiting to be counted before new ones are dropped. */
    static final int QUEUE_CAPACITY = 10_000;

    private final ProfileStore store;
    private final MemoryStore memories;
    private final Consumer<UserRef> regenerate;
    private final int threshold;
    private final ThreadPoolExecutor counter = new ThreadPoolExecutor(1, 1, 30, TimeUnit.SECONDS, new ArrayBlockingQueue<>(QUEUE_CAPACITY), r -> {
        Thread t = new Thread(r, "engram-profile-changes");
        t.setDaemon(true);
        return t;
    });

    /** A user of a project. */
    public record UserRef(Tenant tenant, String userId) {
    }

    /**
     * @param memories   where an add's results are looked up to find their user
     * @param regenerate what happens once a user crossed the threshold (the gateway queues a refresh; a process that
     *                   does not generate profiles can leave that to another)
     * @param threshold  changes since the last generation that make a user's profile stale
     */
    public ProfileRefresh(ProfileStore store, MemoryStore memories, Consumer<UserRef> regenerate, int threshold) {
        if (threshold < 1) throw new IllegalArgumentException("threshold must be 1 or more");
        this.store = Objects.requireNonNull(store, "store");
        this.memories = Objects.requireNonNull(memories, "memories");
        this.regenerate = Objects.requireNonNull(regenerate, "regenerate");
        this.threshold = threshold;
        counter.allowCoreThreadTimeOut(true);
    }

    /** The refresh of {@code jobs}: regenerates in this process. */
    public static ProfileRefresh regenerating(ProfileStore store, MemoryStore memories, ProfileJobs jobs, int threshold) {
        return new ProfileRefresh(store, memories, u -> jobs.refresh(u.tenant(), u.userId()), threshold);
    }

    /**
     * Counting only, for a process that does not generate profiles (the ingest worker): the counters it keeps in the
     * shared store make the gateways regenerate a profile when it is next read ({@code GET .../profile/}).
     */
    public static ProfileRefresh countingOnly(ProfileStore store, MemoryStore memories) {
        return new ProfileRefresh(store, memories, u -> {
        }, Integer.MAX_VALUE);
    }

    @Override
    public void added(Tenant tenant, List<MemoryEvent> results) {
        List<MemoryEvent> changed = results.stream().filter(e -> e.type() != MemoryEvent.Type.NONE).toList();
        if (changed.isEmpty()) return;
        later(() -> {
            Map<java.util.UUID, MemoryRecord> found = memories.getAll(tenant, changed.stream().map(MemoryEvent::memoryId).toList());
            count(tenant, found.values());
        });
    }

    @Override
    public void changed(Tenant tenant, Collection<MemoryRecord> changed) {
        List<MemoryRecord> copy = List.copyOf(changed);
        if (copy.isEmpty()) return;
        later(() -> count(tenant, copy));
    }

    private void later(Runnable work) {
        try {
            counter.execute(() -> {
                try {
                    work.run();
                } catch (RuntimeException e) {
                    LOG.warn("Memory changes could not be counted for profiles: {}", e.toString());
                }
            });
        } catch (RejectedExecutionException e) {
            LOG.warn("The profile change queue is full: changes dropped (a regeneration comes later)");
        }
    }

    private void count(Tenant tenant, Collection<MemoryRecord> records) {
        Map<String, Integer> perUser = new TreeMap<>();
        for (MemoryRecord m : records) {
            if (m.state() == MemoryState.EVIDENCE || m.scope().userId() == null) continue;
            perUser.merge(m.scope().userId(), 1, Integer::sum);
        }
        perUser.forEach((user, n) -> {
            int changes = store.countChanges(tenant, user, n);
            if (changes < threshold) return;
            if (!store.settings(tenant).enabled()) return;
            regenerate.accept(new UserRef(tenant, user));
        });
    }

    @Override
    public void close() {
        counter.shutdown();
        try {
            if (!counter.awaitTermination(5, TimeUnit.SECONDS)) counter.shutdownNow();
        } catch (InterruptedException e) {
            counter.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }
}
