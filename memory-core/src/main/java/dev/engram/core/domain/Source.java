package dev.engram.core.domain;

import java.time.Instant;

/**
 * One message a memory came from: the add event, the message's position in it, the client's own message id when
 * given, who said it and when.
 */
public record Source(String eventId, int messageIndex, String messageId, String speaker, String role, Instant timestamp) {
}
