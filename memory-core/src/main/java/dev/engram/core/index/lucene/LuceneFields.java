package dev.engram.core.index.lucene;

import dev.engram.core.domain.Field;
import dev.engram.core.domain.Tenant;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/**
 * Field names and value encodings of the Lucene index, shared by the document builder and the filter translator so both
 * sides always agree.
 *
 * <p>Every string-valued attribute {@code F} is indexed three ways: {@code F} holds the exact value (a hash when the
 * value is too long to be a Lucene term), {@code sub:F} the value and {@code lsub:F} its lower-case form, both cut into
 * overlapping chunks that fit the term length limit, for substring matching. Metadata fields are named after the key
 * with a type tag in front ({@code m.s:}, {@code m.n:}, {@code m.b:}) so no key can collide with another field.
 */
final class LuceneFields {

    static final String TENANT = "_tenant";
    /** Tenant key and memory id: the unique term that upserts replace by. */
    static final String UID = "_uid";
    static final String VECTOR = "_vector";
    /** Names of the filterable attributes a document has a value for (EXISTS). */
    static final String EXISTS = "_exists";
    /** The analyzed text, scored by BM25. */
    static final String TEXT_BM25 = "text";
    /** Also a sorted doc-values field: the list order's tie-breaker and how hits are mapped back to ids. */
    static final String MEMORY_ID = "memory_id";
    /** Also a numeric doc-values field (epoch micros): the list order. */
    static final String CREATED_AT = "created_at";

    /** Values up to this many UTF-16 units are kept as they are (at most 3 UTF-8 bytes each, far below 32766). */
    static final int MAX_EXACT_CHARS = 8000;
    /** Substring chunks overlap by this much, so any needle up to this length is found in values of any length. */
    static final int CHUNK_OVERLAP = 2000;
    private static final String HASHED_PREFIX = "\u0001sha256:";

    private LuceneFields() {
    }

    /** The exact-value field of a non-metadata attribute (string or time). */
    static String fieldName(Field.Kind kind) {
        return switch (kind) {
            case USER_ID -> "user_id";
            case AGENT_ID -> "agent_id";
            case APP_ID -> "app_id";
            case RUN_ID -> "run_id";
            case MEMORY_ID -> MEMORY_ID;
            case CREATED_AT -> CREATED_AT;
            case UPDATED_AT -> "updated_at";
            case EVENT_TIME -> "event_time";
            case EXPIRATION_DATE -> "expiration_date";
            case TEXT -> "text_value";
            case CATEGORIES -> "categories";
            case STATE -> "state";
            case ACTOR -> "actor";
            case SLOT -> "slot";
            case METADATA -> throw new IllegalArgumentException("metadata fields are named by key");
        };
    }

    /** The EXISTS marker of a filterable field. */
    static String existsName(Field field) {
        return field.kind() == Field.Kind.METADATA ? "m:" + field.metadataKey() : fieldName(field.kind());
    }

    static String metadataStrings(String key) {
        return "m.s:" + key;
    }

    static String metadataNumbers(String key) {
        return "m.n:" + key;
    }

    static String metadataBooleans(String key) {
        return "m.b:" + key;
    }

    /** Chunks of the value as written, for case-sensitive substrings of the exact field {@code field}. */
    static String substringField(String field) {
        return "sub:" + field;
    }

    /** Chunks of the lower-cased value, for case-insensitive substrings of the exact field {@code field}. */
    static String lowerSubstringField(String field) {
        return "lsub:" + field;
    }

    static String uid(Tenant tenant, UUID id) {
        return tenant.key() + "/" + id;
    }

    static String lower(String s) {
        return s.toLowerCase(Locale.ROOT);
    }

    /** The term for an exact value: the value itself, or a hash of it when it is too long to be a term. */
    static String exactTerm(String value) {
        if (value.length() <= MAX_EXACT_CHARS) return value;
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
            return HASHED_PREFIX + HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The value cut into chunks of at most {@link #MAX_EXACT_CHARS} that overlap by {@link #CHUNK_OVERLAP}; a short value
     * is one chunk. Chunks never split a surrogate pair.
     */
    static List<String> chunks(String value) {
        if (value.length() <= MAX_EXACT_CHARS) return List.of(value);
        List<String> out = new ArrayList<>();
        int start = 0;
        while (true) {
            int end = Math.min(value.length(), start + MAX_EXACT_CHARS);
            if (end < value.length() && Character.isHighSurrogate(value.charAt(end - 1))) end--;
            out.add(value.substring(start, end));
            if (end == value.length()) return out;
            int next = end - CHUNK_OVERLAP;
            if (Character.isLowSurrogate(value.charAt(next))) next--;
            start = next;
        }
    }

    /** Epoch microseconds, rounded down (times are indexed at microsecond precision). Saturates far outside ±290,000 years. */
    static long floorMicros(Instant t) {
        try {
            return Math.addExact(Math.multiplyExact(t.getEpochSecond(), 1_000_000L), t.getNano() / 1000);
        } catch (ArithmeticException e) {
            return t.getEpochSecond() < 0 ? Long.MIN_VALUE : Long.MAX_VALUE;
        }
    }

    /** Epoch microseconds, rounded up. */
    static long ceilMicros(Instant t) {
        long floor = floorMicros(t);
        return t.getNano() % 1000 == 0 || floor == Long.MAX_VALUE ? floor : floor + 1;
    }

    static boolean isWholeMicros(Instant t) {
        return t.getNano() % 1000 == 0;
    }
}
