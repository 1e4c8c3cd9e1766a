package dev.engram.core.profile;

import dev.engram.core.domain.Tenant;

import java.time.Instant;
import java.util.Objects;

/**
 * The stored profile of one user of a project.
 *
 * @param profileJson     the profile object as JSON text ({@code {}} before the first successful generation)
 * @param status          null while the user has never been queued for a generation (only changes are counted)
 * @param error           the last generation's failure, when {@code status} is FAILED
 * @param generationCount successful generations so far
 * @param changes         memory changes (adds, updates, deletes) counted since the last generation started
 * @param updatedAt       when the profile content was last written, or null before the first generation
 */
public record UserProfile(Tenant tenant, String userId, String profileJson, ProfileStatus status, String error, int generationCount,
                          int changes, Instant updatedAt) {

    public static final String EMPTY = "{}";

    public UserProfile {
        Objects.requireNonNull(tenant, "tenant");
        Objects.requireNonNull(userId, "userId");
        if (profileJson == null || profileJson.isBlank()) profileJson = EMPTY;
    }
}
