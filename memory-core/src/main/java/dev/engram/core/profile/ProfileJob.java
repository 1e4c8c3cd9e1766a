package dev.engram.core.profile;

import dev.engram.core.domain.Tenant;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.UUID;

/**
 * One profile generation job of a project: one user ({@link Operation#TRIGGER}) or a sample of users
 * ({@link Operation#SAMPLE}), with the counters Mem0's client reads.
 *
 * @param idempotencyKey the client's {@code Idempotency-Key}: the same key in the same project is the same job
 * @param entityIds      the users the job generates, in order
 * @param total          how many users the job covers (known at creation: the users are picked then)
 */
public record ProfileJob(UUID id, Tenant tenant, String idempotencyKey, Operation operation, Status status, List<String> entityIds,
                         int total, int succeeded, int failed, int skipped, Instant createdAt, Instant updatedAt) {

    public ProfileJob {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(tenant, "tenant");
        entityIds = List.copyOf(entityIds);
    }

    /** What the job does. */
    public enum Operation {
        /** Generate one named user's profile now. */
        TRIGGER,
        /** Generate the profiles of a few users with the most memories. */
        SAMPLE;

        public String wireName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** Where the job stands. */
    public enum Status {
        PENDING, RUNNING, SUCCEEDED, FAILED;

        public String wireName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** succeeded + failed + skipped. */
    public int completed() {
        return succeeded + failed + skipped;
    }

    public ProfileJob withStatus(Status newStatus, Instant at) {
        return new ProfileJob(id, tenant, idempotencyKey, operation, newStatus, entityIds, total, succeeded, failed, skipped, createdAt, at);
    }

    /** The job with one more user done, counted by how its generation ended. */
    public ProfileJob withOutcome(ProfileStatus outcome, Instant at) {
        return switch (outcome) {
            case SUCCEEDED -> new ProfileJob(id, tenant, idempotencyKey, operation, status, entityIds, total, succeeded + 1, failed, skipped, createdAt, at);
            case FAILED -> new ProfileJob(id, tenant, idempotencyKey, operation, status, entityIds, total, succeeded, failed + 1, skipped, createdAt, at);
            default -> new ProfileJob(id, tenant, idempotencyKey, operation, status, entityIds, total, succeeded, failed, skipped + 1, createdAt, at);
        };
    }
}
