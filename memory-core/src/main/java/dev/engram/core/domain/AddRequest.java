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
 * @param llmProfile         the named LLM profile that extracts and reconciles this add (a project's {@code llm_profile});
 *                           null = the default LLM. A name the engine does not know falls back to the default.
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
        boolean offlineOnly,
        String llmProfile) {

    public AddRequest {
        messages = messages == null ? List.of() : List.copyOf(messages);
        metadata = metadata == null ? Map.of() : metadata;
        llmProfile = llmProfile == null || llmProfile.isBlank() ? null : llmProfile.strip();
    }

    /** An add with the default LLM profile. */
    public AddRequest(String eventId, Scope scope, List<Message> messages, Map<String, Object> metadata, boolean infer, Instant timestamp,
                      String customInstructions, Map<String, String> categories, LocalDate expirationDate, boolean immutable,
                      boolean offlineOnly) {
        this(eventId, scope, messages, metadata, infer, timestamp, customInstructions, categories, expirationDate, immutable, offlineOnly, null);
    }

    /** An add that may use the configured LLM. */
    public AddRequest(String eventId, Scope scope, List<Message> messages, Map<String, Object> metadata, boolean infer, Instant timestamp,
                      String customInstructions, Map<String, String> categories, LocalDate expirationDate, boolean immutable) {
        this(eventId, scope, messages, metadata, infer, timestamp, customInstructions, categories, expirationDate, immutable, false, null);
    }

    public static AddRequest of(Scope scope, List<Message> messages) {
        return new AddRequest(null, scope, messages, null, true, null, null, null, null, false);
    }

    public static AddRequest of(Scope scope, String text) {
        return of(scope, List.of(Message.user(text)));
    }

    public AddRequest withEventId(String id) {
        return new AddRequest(id, scope, messages, metadata, infer, timestamp, customInstructions, categories, expirationDate, immutable, offlineOnly, llmProfile);
    }

    public AddRequest withInfer(boolean value) {
        return new AddRequest(eventId, scope, messages, metadata, value, timestamp, customInstructions, categories, expirationDate, immutable, offlineOnly, llmProfile);
    }

    public AddRequest withTimestamp(Instant value) {
        return new AddRequest(eventId, scope, messages, metadata, infer, value, customInstructions, categories, expirationDate, immutable, offlineOnly, llmProfile);
    }

    public AddRequest withMetadata(Map<String, Object> value) {
        return new AddRequest(eventId, scope, messages, value, infer, timestamp, customInstructions, categories, expirationDate, immutable, offlineOnly, llmProfile);
    }

    public AddRequest withCustomInstructions(String value) {
        return new AddRequest(eventId, scope, messages, metadata, infer, timestamp, value, categories, expirationDate, immutable, offlineOnly, llmProfile);
    }

    public AddRequest withCategories(Map<String, String> value) {
        return new AddRequest(eventId, scope, messages, metadata, infer, timestamp, customInstructions, value, expirationDate, immutable, offlineOnly, llmProfile);
    }

    public AddRequest withExpirationDate(LocalDate value) {
        return new AddRequest(eventId, scope, messages, metadata, infer, timestamp, customInstructions, categories, value, immutable, offlineOnly, llmProfile);
    }

    public AddRequest withImmutable(boolean value) {
        return new AddRequest(eventId, scope, messages, metadata, infer, timestamp, customInstructions, categories, expirationDate, value, offlineOnly, llmProfile);
    }

    public AddRequest withOfflineOnly(boolean value) {
        return new AddRequest(eventId, scope, messages, metadata, infer, timestamp, customInstructions, categories, expirationDate, immutable, value, llmProfile);
    }

    public AddRequest withLlmProfile(String value) {
        return new AddRequest(eventId, scope, messages, metadata, infer, timestamp, customInstructions, categories, expirationDate, immutable, offlineOnly, value);
    }
}
