package dev.engram.core.profile;

import java.util.Locale;

/** Where a user's profile stands (Mem0's {@code ProfileStatus}; the wire spelling is the lower-case name). */
public enum ProfileStatus {
    /** Generated: the profile holds content. */
    SUCCEEDED,
    /** A generation is queued or running (the previous content, if any, is still shown). */
    PENDING,
    /** The last generation failed; {@link UserProfile#error()} says why. */
    FAILED,
    /** The project turned profiles off. */
    NOT_ENABLED,
    /** The user has fewer active memories than a profile needs. */
    INSUFFICIENT_DATA;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
