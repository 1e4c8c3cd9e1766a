package dev.engram.core.profile;

import dev.engram.core.domain.Tenant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs profile generations in the background, on a bounded executor ({@code threads} threads, at most
 * {@code queueCapacity} waiting): client jobs ({@link #submit}, idempotent per project and key: the same key returns the
 * job already created and starts nothing) and refreshes after enough memory changes ({@link #refresh}, at most one
 * queued or running per user in this process, counting the users of running jobs). A job's users are marked PENDING as it is accepted; each one then counts as succeeded, failed or
 * skipped (not enabled, insufficient data). A job ends FAILED when every one of its users failed, SUCCEEDED otherwise.
 * When the queue is full a job's users are recorded as failed at once, and a refresh waits for the next change.
 */
public final class ProfileJobs implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ProfileJobs.class);
    /** Jobs a start picks up again (left unfinished by a process that stopped). */
    static final int RESUMED_AT_START = 100;

    private final ProfileStore store;
    private final ProfileGenerator generator;
    private final Clock clock;
    private final ThreadPoolExecutor executor;
    /** Users whose generation is queued or running in this process (by a job or a refresh). */
    private final Set<String> inFlight = ConcurrentHashMap.newKeySet();

    public ProfileJobs(ProfileStore store, ProfileGenerator generator, int threads, int queueCapacity, Clock clock) {
        this.store = Objects.requireNonNull(store, "store");
        this.generator = Objects.requireNonNull(generator, "generator");
        this.clock = Objects.requireNonNull(clock, "clock");
        AtomicInteger n = new AtomicInteger();
        this.executor = new ThreadPoolExecutor(threads, threads, 30, TimeUnit.SECONDS, new ArrayBlockingQueue<>(queueCapacity), r -> {
            Thread t = new Thread(r, "engram-profiles-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        executor.allowCoreThreadTimeOut(true);
    }

    /** Creates the job (or finds the one this key created) and, when new, queues it. */
    public ProfileStore.Created submit(Tenant tenant, ProfileJob.Operation operation, String idempotencyKey, List<String> userIds) {
        var now = clock.instant();
        ProfileJob job = new ProfileJob(UUID.randomUUID(), tenant, idempotencyKey, operation, ProfileJob.Status.PENDING, userIds,
                userIds.size(), 0, 0, 0, now, now);
        ProfileStore.Created created = store.createJob(job);
        if (created.replayed()) return created;
        for (String user : userIds) {
            inFlight.add(key(tenant, user));
            store.markPending(tenant, user);
        }
        queue(created.job());
        return created;
    }

    /**
     * Queues a regeneration of the user's profile unless one is already queued; false when it was not queued (one is
     * queued already, or the queue is full).
     */
    public boolean refresh(Tenant tenant, String userId) {
        String key = key(tenant, userId);
        if (!inFlight.add(key)) return false;
        try {
            store.markPending(tenant, userId);
            executor.execute(() -> {
                try {
                    generator.generate(tenant, userId);
                } finally {
                    inFlight.remove(key);
                }
            });
            return true;
        } catch (RejectedExecutionException e) {
            inFlight.remove(key);
            store.saveResult(tenant, userId, null, ProfileStatus.FAILED, "The profile queue is full; the next memory change retries", 0,
                    clock.instant());
            return false;
        } catch (RuntimeException e) {
            inFlight.remove(key);
            throw e;
        }
    }

    /** Queues again the jobs a stopped process left PENDING or RUNNING, from their first user. */
    public void resumeUnfinished() {
        for (ProfileJob job : store.unfinishedJobs(RESUMED_AT_START)) {
            ProfileJob fresh = new ProfileJob(job.id(), job.tenant(), job.idempotencyKey(), job.operation(), ProfileJob.Status.PENDING,
                    job.entityIds(), job.total(), 0, 0, 0, job.createdAt(), clock.instant());
            store.updateJob(fresh);
            for (String user : fresh.entityIds()) inFlight.add(key(fresh.tenant(), user));
            queue(fresh);
        }
    }

    private void queue(ProfileJob job) {
        try {
            executor.execute(() -> run(job));
        } catch (RejectedExecutionException e) {
            LOG.warn("The profile queue is full: job {} of {} fails", job.id(), job.tenant().key());
            ProfileJob failed = job;
            for (String user : job.entityIds()) {
                inFlight.remove(key(job.tenant(), user));
                store.saveResult(job.tenant(), user, null, ProfileStatus.FAILED, "The profile queue is full; try again later", 0, clock.instant());
                failed = failed.withOutcome(ProfileStatus.FAILED, clock.instant());
            }
            store.updateJob(failed.withStatus(ProfileJob.Status.FAILED, clock.instant()));
        }
    }

    private void run(ProfileJob queued) {
        ProfileJob job = queued.withStatus(ProfileJob.Status.RUNNING, clock.instant());
        try {
            store.updateJob(job);
            for (String user : job.entityIds()) {
                ProfileStatus outcome;
                try {
                    outcome = generator.generate(job.tenant(), user);
                } finally {
                    inFlight.remove(key(job.tenant(), user));
                }
                job = job.withOutcome(outcome, clock.instant());
                store.updateJob(job);
            }
            boolean allFailed = job.total() > 0 && job.failed() == job.total();
            store.updateJob(job.withStatus(allFailed ? ProfileJob.Status.FAILED : ProfileJob.Status.SUCCEEDED, clock.instant()));
        } catch (RuntimeException e) {
            LOG.error("Profile job {} of {} stopped: {}", job.id(), job.tenant().key(), e.toString());
            for (String user : job.entityIds()) inFlight.remove(key(job.tenant(), user));
            try {
                store.updateJob(job.withStatus(ProfileJob.Status.FAILED, clock.instant()));
            } catch (RuntimeException ignored) {
                // The store is down: the job stays RUNNING and is resumed at the next start.
            }
        }
    }

    private static String key(Tenant tenant, String userId) {
        return tenant.key() + "\n" + userId;
    }

    /** Stops taking work and waits briefly for the generations in progress. */
    @Override
    public void close() {
        executor.shutdown();
        try {
            if (!executor.awaitTermination(10, TimeUnit.SECONDS)) executor.shutdownNow();
        } catch (InterruptedException e) {
            executor.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }
}
