package dev.engram.core.profile;

import dev.engram.core.domain.Tenant;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Users' profiles, profile jobs and profile settings of each project. Every method takes the tenant, so a profile, a
 * job or the settings of another project are never found.
 */
public interface ProfileStore {

    Optional<UserProfile> profile(Tenant tenant, String userId);

    /**
     * Counts {@code n} more memory changes of the user (creating its row when it has none).
     *
     * @return the changes counted since the last generation started, this one included
     */
    int countChanges(Tenant tenant, String userId, int n);

    /** Marks the user's profile PENDING (a generation is queued), keeping its content. */
    void markPending(Tenant tenant, String userId);

    /**
     * Records a generation's result: its content (unchanged when {@code profileJson} is null), status, error and time;
     * a SUCCEEDED generation counts one more. {@code changesSeen} changes are taken off the counter (the ones the
     * generation read; those counted meanwhile stay).
     */
    void saveResult(Tenant tenant, String userId, String profileJson, ProfileStatus status, String error, int changesSeen, Instant at);

    /** The job created for this key, or the one already there: {@link Created#replayed()} tells which. */
    Created createJob(ProfileJob job);

    Optional<ProfileJob> job(Tenant tenant, UUID id);

    /** Writes the job's status and counters. */
    void updateJob(ProfileJob job);

    /** The project's settings ({@link ProfileSettings#DEFAULTS} when it never changed them). */
    ProfileSettings settings(Tenant tenant);

    void saveSettings(Tenant tenant, ProfileSettings settings, Instant at);

    /** Jobs left PENDING or RUNNING (by a process that stopped), oldest first, across projects. */
    List<ProfileJob> unfinishedJobs(int limit);

    /** Removes the project's profiles, jobs and settings. */
    void deleteTenant(Tenant tenant);

    /** @param replayed true when a job with the same idempotency key existed: {@code job} is that one */
    record Created(ProfileJob job, boolean replayed) {
    }
}
