package dev.engram.core.domain;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * An add: messages of one conversation for one scope.
 *
 * @param eventId            id of this add (idempotency and provenance); generated when null
 * @param infer              true: extract facts and reconcile; false: store each non-system message verbatim
 * @param timestamp          when the messages were said (drives relative dates, backdates created_at); null = now
 * @param customInstructions extra extraction guidance (LLM mode; the offline extractor honours simple include/exclude hints)
 * @param categories         custom categories, name to description, replacing the defaults for this call; null = defaults
 * @param offlineOnly        true: extract and reconcile with the offline components even when an LLM is configured
 *                           (a project whose settings say offline extraction)
 */
public record AddRequest(
        String eventId,
        Scope scope,
        List<Message> messages,
        Map<String, Object> metadata,
        boolean infer,
        Instant timestamp,
        String customInstructions,
        Map<String, String> categories,
        LocalDate expirationDate,
        boolean immutable,
        boolean offlineOnly) {

    public AddRequest {
        messages = messages == null ? List.of() : List.copyOf(messages);
        metadata = metadata == null ? Map.of() : metadata;
    }

    /** An add that may use the configured LLM. */
    public AddRequest(String eventId, Scope scope, List<Message> messages, Map<String, Object> metadata, boolean infer, Instant timestamp,
                      String customInstructions, Map<String, String> categories, LocalDate expirationDate, boolean immutable) {
        this(eventId, scope, messages, metadata, infer, timestamp, customInstructions, categories, expirationDate, immutable, false);
    }

    public static AddRequest of(Scope scope, List<Message> messages) {
        return new AddRequest(null, scope, messages, null, true, null, null, null, null, false);
    }

    public static AddRequest of(Scope scope, String text) {
        return of(scope, List.of(Message.user(text)));
    }

    public AddRequest withEventId(String id) {
        return new AddRequest(id, scope, messages, metadata, infer, timestamp, customInstructions, categories, expirationDate, immutable, offlineOnly);
    }

    public AddRequest withInfer(boolean value) {
        return new AddRequest(eventId, scope, messages, metadata, value, timestamp, customInstructions, categories, expirationDate, immutable, offlineOnly);
    }

    public AddRequest withTimestamp(Instant value) {
        return new AddRequest(eventId, scope, messages, metadata, infer, value, customInstructions, categories, expirationDate, immutable, offlineOnly);
    }

    public AddRequest withMetadata(Map<String, Object> value) {
        return new AddRequest(eventId, scope, messages, value, infer, timestamp, customInstructions, categories, expirationDate, immutable, offlineOnly);
    }

    public AddRequest withCustomInstructions(String value) {
        return new AddRequest(eventId, scope, messages, metadata, infer, timestamp, value, categories, expirationDate, immutable, offlineOnly);
    }

    public AddRequest withCategories(Map<String, String> value) {
        return new AddRequest(eventId, scope, messages, metadata, infer, timestamp, customInstructions, value, expirationDate, immutable, offlineOnly);
    }

    public AddRequest withExpirationDate(LocalDate value) {
        return new AddRequest(eventId, scope, messages, metadata, infer, timestamp, customInstructions, categories, value, immutable, offlineOnly);
    }

    public AddRequest withImmutable(boolean value) {
        return new AddRequest(eventId, scope, messages, metadata, infer, timestamp, customInstructions, categories, expirationDate, value, offlineOnly);
    }

    public AddRequest withOfflineOnly(boolean value) {
        return new AddRequest(eventId, scope, messages, metadata, infer, timestamp, customInstructions, categories, expirationDate, immutable, value);
    }
}
