package dev.engram.core.export;

import dev.engram.core.domain.Tenant;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Memory export jobs and their finished JSON. Every method a client's request reaches takes the tenant, so a job of
 * another project is never found; only the runner's methods ({@link #claimNext}, {@link #progress}, {@link #complete},
 * {@link #fail}, {@link #deleteFinishedBefore}) work by job id across tenants.
 */
public interface ExportJobStore {

    /** A new PENDING job. */
    ExportJob create(Tenant tenant, ExportRequest request, Instant at);

    Optional<ExportJob> get(Tenant tenant, UUID id);

    /** The project's jobs, newest first. */
    List<ExportJob> list(Tenant tenant, int limit);

    /** The finished export JSON of a COMPLETED job of the project; empty otherwise. */
    Optional<String> result(Tenant tenant, UUID id);

    /**
     * Claims the oldest job to run: a PENDING one, or a RUNNING one whose runner has been silent for {@code stale} (it
     * died: the job starts over). The claim is atomic, so two runners on one database never take the same job; the
     * claimed job is RUNNING with {@code attempts} counted and its heartbeat at {@code now}.
     */
    Optional<ExportJob> claimNext(Instant now, Duration stale);

    /**
     * The progress of the run {@code attempt} of a RUNNING job, which is also its heartbeat; false when the job is no
     * longer that run's (another runner took it over, or it was deleted): the run should stop.
     */
    boolean progress(UUID id, int attempt, int processed, int total, Instant at);

    /** The run {@code attempt} finished the job: COMPLETED with its JSON; false when the job is no longer that run's. */
    boolean complete(UUID id, int attempt, String result, int processed, Instant at);

    /** The run {@code attempt} gives the job up: FAILED for good with a reason the client sees. */
    boolean fail(UUID id, int attempt, String reason, Instant at);

    /** Deletes every job of the project (a running one stops at its next progress report); returns how many. */
    int deleteTenant(Tenant tenant);

    /** Deletes finished jobs (and their JSON) that finished before {@code cutoff}; returns how many. */
    int deleteFinishedBefore(Instant cutoff);
}
