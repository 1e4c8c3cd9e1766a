package dev.engram.gateway.rest.dto;

import dev.engram.core.tenant.ProjectDefaults;

import java.util.List;
import java.util.Map;

/**
 * A project's stored defaults for its adds: {@code categories} is {@code [{name: description}]} or null;
 * {@code llm_profile} the configured LLM profile its adds use, or null for the default.
 */
public record ProjectDefaultsView(String customInstructions, List<Map<String, String>> categories, Integer defaultExpirationDays,
                                  String extractionMode, String llmProfile) {

    public static ProjectDefaultsView of(ProjectDefaults d) {
        return new ProjectDefaultsView(d.customInstructions(), categories(d), d.defaultExpirationDays(), extractionMode(d), d.llmProfile());
    }

    /** {@code [{name: description}]} in the project's order, or null when the project keeps the built-in categories. */
    public static List<Map<String, String>> categories(ProjectDefaults d) {
        return d.categories() == null ? null : d.categories().entrySet().stream().map(e -> Map.of(e.getKey(), e.getValue())).toList();
    }

    public static String extractionMode(ProjectDefaults d) {
        return d.offlineOnly() ? "offline" : "llm";
    }
}
