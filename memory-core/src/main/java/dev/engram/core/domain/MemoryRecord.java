package dev.engram.core.domain;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A memory: one durable fact, its scope, provenance and lifecycle. Immutable; use the {@code with…} copies.
 *
 * @param hash           md5 hex of {@code text} (Mem0's {@code hash})
 * @param actor          the speaker the fact is attributed to (Mem0's {@code actor_id}), when known
 * @param role           the speaker's role (user, assistant), when known
 * @param metadata       opaque JSON object from the client (values: String, Number, Boolean, null, List, Map)
 * @param eventTime      when the fact happened, when the text says (resolved from relative dates), else null
 * @param expirationDate after this date the memory is hidden unless expired memories are asked for
 * @param immutable      an immutable memory is never updated or superseded by reconciliation
 * @param slot           internal key "subject|attribute" used to detect contradictions (e.g. "user|location"), or null
 */
public record MemoryRecord(
        UUID id,
        Scope scope,
        String text,
        String hash,
        String actor,
        String role,
        Map<String, Object> metadata,
        List<String> categories,
        Instant createdAt,
        Instant updatedAt,
        Instant eventTime,
        LocalDate expirationDate,
        boolean immutable,
        MemoryState state,
        UUID replacedBy,
        List<Source> sources,
        String slot) {

    public MemoryRecord {
        metadata = metadata == null ? Map.of() : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(metadata));
        categories = categories == null ? List.of() : List.copyOf(categories);
        sources = sources == null ? List.of() : List.copyOf(sources);
        if (state == null) state = MemoryState.ACTIVE;
        if (hash == null && text != null) hash = md5(text);
    }

    public Tenant tenant() {
        return scope.tenant();
    }

    public boolean isExpired(LocalDate today) {
        return expirationDate != null && expirationDate.isBefore(today);
    }

    public MemoryRecord withText(String newText, Instant now) {
        return new MemoryRecord(id, scope, newText, md5(newText), actor, role, metadata, categories, createdAt, now, eventTime,
                expirationDate, immutable, state, replacedBy, sources, slot);
    }

    public MemoryRecord withState(MemoryState newState, UUID newReplacedBy, Instant now) {
        return new MemoryRecord(id, scope, text, hash, actor, role, metadata, categories, createdAt, now, eventTime,
                expirationDate, immutable, newState, newReplacedBy, sources, slot);
    }

    public MemoryRecord withMetadata(Map<String, Object> newMetadata, Instant now) {
        return new MemoryRecord(id, scope, text, hash, actor, role, newMetadata, categories, createdAt, now, eventTime,
                expirationDate, immutable, state, replacedBy, sources, slot);
    }

    public MemoryRecord withExpirationDate(LocalDate date, Instant now) {
        return new MemoryRecord(id, scope, text, hash, actor, role, metadata, categories, createdAt, now, eventTime,
                date, immutable, state, replacedBy, sources, slot);
    }

    public MemoryRecord withCreatedAt(Instant created) {
        return new MemoryRecord(id, scope, text, hash, actor, role, metadata, categories, created, updatedAt, eventTime,
                expirationDate, immutable, state, replacedBy, sources, slot);
    }

    public MemoryRecord withEventTime(Instant time) {
        return new MemoryRecord(id, scope, text, hash, actor, role, metadata, categories, createdAt, updatedAt, time,
                expirationDate, immutable, state, replacedBy, sources, slot);
    }

    public MemoryRecord withCategories(List<String> newCategories) {
        return new MemoryRecord(id, scope, text, hash, actor, role, metadata, newCategories, createdAt, updatedAt, eventTime,
                expirationDate, immutable, state, replacedBy, sources, slot);
    }

    /** Adds sources (deduplicated), nothing else: a fact seen again changes provenance, not {@code updatedAt}. */
    public MemoryRecord withMoreSources(List<Source> more) {
        var merged = new java.util.ArrayList<>(sources);
        for (Source s : more) if (!merged.contains(s)) merged.add(s);
        return new MemoryRecord(id, scope, text, hash, actor, role, metadata, categories, createdAt, updatedAt, eventTime,
                expirationDate, immutable, state, replacedBy, merged, slot);
    }

    public static String md5(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
