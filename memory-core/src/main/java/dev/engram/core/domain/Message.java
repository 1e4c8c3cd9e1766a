package dev.engram.core.domain;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One conversation message as a client sends it, its content normalised by {@link CleanText}.
 *
 * @param role      user, assistant or system
 * @param name      the speaker's name, when given (becomes the memory's actor)
 * @param id        the client's own message id, when given (kept in the memory's sources)
 * @param timestamp when the message was said, when known (else the add's timestamp)
 * @param metadata  this message's own metadata, merged over the add's in every memory made from it (a document
 *                  passage's provenance: {@code {"document": {…, "page": 3}}}); empty for a plain message
 */
public record Message(String role, String content, String name, String id, Instant timestamp, Map<String, Object> metadata) {

    /** The content as {@link CleanText} normalises it. */
    public Message {
        content = CleanText.clean(content);
        metadata = metadata == null || metadata.isEmpty() ? Map.of() : metadata;
    }

    /** A message without metadata of its own. */
    public Message(String role, String content, String name, String id, Instant timestamp) {
        this(role, content, name, id, timestamp, null);
    }

    public static Message user(String content) {
        return new Message("user", content, null, null, null);
    }

    public static Message assistant(String content) {
        return new Message("assistant", content, null, null, null);
    }

    public static Message system(String content) {
        return new Message("system", content, null, null, null);
    }

    public Message at(Instant when) {
        return new Message(role, content, name, id, when, metadata);
    }

    public Message named(String speaker) {
        return new Message(role, content, speaker, id, timestamp, metadata);
    }

    public Message withId(String messageId) {
        return new Message(role, content, name, messageId, timestamp, metadata);
    }

    public Message withMetadata(Map<String, Object> value) {
        return new Message(role, content, name, id, timestamp, value);
    }

    /** The add's metadata with this message's own keys over it (the same map when this message has none). */
    public Map<String, Object> metadataOver(Map<String, Object> addMetadata) {
        if (metadata.isEmpty()) return addMetadata;
        Map<String, Object> merged = new LinkedHashMap<>(addMetadata == null ? Map.of() : addMetadata);
        merged.putAll(metadata);
        return FrozenJson.freezeMap(merged);
    }
}
