package dev.engram.core.feedback;

import dev.engram.core.domain.Tenant;

import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The current feedback on each memory of each project: one row per memory that has feedback, replaced by the next
 * submission and removed when the feedback is cleared or the memory deleted. Every method takes the tenant, and each
 * implementation applies it in one place, so feedback of another project is neither read, written nor removed.
 *
 * <p>The store does not check that the memory exists: the caller does, against the memory store, before it writes.
 */
public interface FeedbackStore {

    /** Records {@code feedback} as the memory's current feedback, replacing any earlier one. */
    void put(Tenant tenant, MemoryFeedback feedback);

    /** Removes the memory's feedback; false when it had none. */
    boolean clear(Tenant tenant, UUID memoryId);

    Optional<MemoryFeedback> get(Tenant tenant, UUID memoryId);

    /** Every memory of the project that has feedback, in no particular order. */
    List<MemoryFeedback> all(Tenant tenant);

    /** Removes the feedback of these memories (they were deleted); unknown ids are ignored. */
    void forget(Tenant tenant, Collection<UUID> memoryIds);

    /** Removes every feedback of the project. */
    void deleteTenant(Tenant tenant);
}
