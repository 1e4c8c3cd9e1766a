package dev.engram.core.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.engram.core.domain.FrozenJson;
import dev.engram.core.domain.MemoryEvent;
import dev.engram.core.domain.Source;
import dev.engram.core.domain.TokenUsage;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The JSON form of a record's structured fields (metadata, categories, sources) as the stores keep them.
 *
 * <p>Metadata comes back as Jackson reads JSON: integers as {@code Integer} (or {@code Long}/{@code BigInteger} when
 * larger), fractions as {@code Double}, objects as insertion-ordered maps. Everything read is deeply unmodifiable, so a
 * caller cannot change what a store holds through a returned record.
 */
public final class StoreJson {

    private static final TypeReference<LinkedHashMap<String, Object>> METADATA = new TypeReference<>() {
    };
    private static final TypeReference<List<String>> CATEGORIES = new TypeReference<>() {
    };
    private static final TypeReference<List<Source>> SOURCES = new TypeReference<>() {
    };
    private static final TypeReference<List<MemoryEvent>> EVENT_RESULTS = new TypeReference<>() {
    };
    private static final TypeReference<TokenUsage> TOKEN_USAGE = new TypeReference<>() {
    };

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .disable(DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE)
            .build();

    // Readers resolved once: a search reads every candidate's record, and resolving the type per read showed in profiles.
    private static final ObjectReader METADATA_READER = MAPPER.readerFor(METADATA);
    private static final ObjectReader CATEGORIES_READER = MAPPER.readerFor(CATEGORIES);
    private static final ObjectReader SOURCES_READER = MAPPER.readerFor(SOURCES);

    private StoreJson() {
    }

    public static String writeMetadata(Map<String, Object> metadata) {
        return write(metadata == null ? Map.of() : metadata, "metadata");
    }

    public static Map<String, Object> readMetadata(String json) {
        if (json == null || json.isEmpty() || json.equals("{}")) return Map.of();
        return FrozenJson.freezeMap(read(json, METADATA_READER, "metadata"));
    }

    public static String writeCategories(List<String> categories) {
        return write(categories == null ? List.of() : categories, "categories");
    }

    public static List<String> readCategories(String json) {
        if (json == null || json.isEmpty() || json.equals("[]")) return List.of();
        return List.copyOf(read(json, CATEGORIES_READER, "categories"));
    }

    public static String writeSources(List<Source> sources) {
        return write(sources == null ? List.of() : sources, "sources");
    }

    public static List<Source> readSources(String json) {
        if (json == null || json.isEmpty() || json.equals("[]")) return List.of();
        return List.copyOf(read(json, SOURCES_READER, "sources"));
    }

    /** An ingest event's memory events. */
    public static String writeEventResults(List<MemoryEvent> results) {
        return write(results, "event results");
    }

    /** An ingest event's memory events; null when none were stored (the event record makes that an empty list). */
    public static List<MemoryEvent> readEventResults(String json) {
        if (json == null || json.isEmpty()) return null;
        return read(json, EVENT_RESULTS, "event results");
    }

    public static String writeTokenUsage(TokenUsage usage) {
        return write(usage, "token usage");
    }

    /** Null when none was stored (the event record makes that {@link TokenUsage#NONE}). */
    public static TokenUsage readTokenUsage(String json) {
        if (json == null || json.isEmpty()) return null;
        return read(json, TOKEN_USAGE, "token usage");
    }

    private static String write(Object value, String what) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("Cannot write " + what + " as JSON: " + e.getOriginalMessage(), e);
        }
    }

    private static <T> T read(String json, ObjectReader reader, String what) {
        try {
            return reader.readValue(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Stored " + what + " is not valid JSON: " + e.getOriginalMessage(), e);
        }
    }

    private static <T> T read(String json, TypeReference<T> type, String what) {
        try {
            return MAPPER.readValue(json, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Stored " + what + " is not valid JSON: " + e.getOriginalMessage(), e);
        }
    }
}
