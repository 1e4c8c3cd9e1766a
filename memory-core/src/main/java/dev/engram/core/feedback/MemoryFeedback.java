package dev.engram.core.feedback;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * The current feedback on one memory: the latest value submitted, its reason, who submitted it and when.
 *
 * @param reason      the submitter's reason (Mem0's {@code feedback_reason}), or null
 * @param submittedBy who submitted it (the API key's id or the OIDC subject), or null when unknown
 */
public record MemoryFeedback(UUID memoryId, FeedbackValue value, String reason, String submittedBy, Instant submittedAt) {

    /** The longest reason kept, in characters. */
    public static final int MAX_REASON_LENGTH = 1000;

    public MemoryFeedback {
        Objects.requireNonNull(memoryId, "memoryId");
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(submittedAt, "submittedAt");
        if (reason != null && reason.length() > MAX_REASON_LENGTH) {
            throw new IllegalArgumentException("a feedback reason holds at most " + MAX_REASON_LENGTH + " characters");
        }
    }
}
