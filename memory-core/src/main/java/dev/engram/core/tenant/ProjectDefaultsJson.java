package dev.engram.core.tenant;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.json.JsonMapper;

import java.util.LinkedHashMap;

/**
 * The stored form of {@link ProjectDefaults} (column {@code projects.defaults}): {@code {custom_instructions,
 * categories: {name: description, …} (ordered), default_expiration_days, offline_only, llm_profile}}, absent values left out. No
 * defaults are stored as SQL NULL. Readers ignore fields they do not know, so a later release may add some.
 */
public final class ProjectDefaultsJson {

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .serializationInclusion(JsonInclude.Include.NON_NULL)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    private ProjectDefaultsJson() {
    }

    /** The JSON text, or null for {@link ProjectDefaults#NONE}. */
    public static String write(ProjectDefaults defaults) {
        if (defaults == null || defaults.isNone()) return null;
        LinkedHashMap<String, String> categories = defaults.categories() == null ? null : new LinkedHashMap<>(defaults.categories());
        try {
            return MAPPER.writeValueAsString(new Stored(defaults.customInstructions(), categories, defaults.defaultExpirationDays(),
                    defaults.offlineOnly(), defaults.llmProfile()));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("Cannot write project defaults as JSON: " + e.getOriginalMessage(), e);
        }
    }

    /** The defaults in the text; {@link ProjectDefaults#NONE} for null or blank text. */
    public static ProjectDefaults read(String json) {
        if (json == null || json.isBlank()) return ProjectDefaults.NONE;
        try {
            Stored s = MAPPER.readValue(json, Stored.class);
            return new ProjectDefaults(s.customInstructions(), s.categories(), s.defaultExpirationDays(), s.offlineOnly(), s.llmProfile());
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("Stored project defaults are not valid JSON: " + e.getOriginalMessage(), e);
        }
    }

    record Stored(String customInstructions, LinkedHashMap<String, String> categories, Integer defaultExpirationDays,
                  boolean offlineOnly, String llmProfile) {
    }
}
