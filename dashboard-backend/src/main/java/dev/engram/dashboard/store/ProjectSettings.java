package dev.engram.dashboard.store;

import dev.engram.core.tenant.ProjectDefaults;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Settings of one project. {@code defaultExpirationDays} null means memories never expire. The engine applies the subset
 * {@link #engineDefaults()} to the project's adds, and the console reads that subset back from the tenant directory
 * ({@link #withEngineDefaults}); the LLM provider and model are stored here only. {@code llmProfile} (the named LLM
 * profile of the deployment that extracts the project's adds, null for the default LLM) is part of the engine's subset
 * and is kept only in the tenant directory. {@code webhooks} is the old stored-only
 * list, kept for compatibility and never delivered: real webhooks live in the gateway ({@code ProjectWebhooks}).
 */
public record ProjectSettings(String customInstructions, List<String> categories, ExtractionMode extractionMode,
                              String llmProvider, String llmModel, String llmProfile, Integer defaultExpirationDays,
                              List<Webhook> webhooks, Instant updatedAt) {

    /** A webhook: the HTTPS endpoint and the event names it wants (e.g. {@code memory.created}). */
    public record Webhook(String url, List<String> events) {
        public Webhook {
            events = events == null ? List.of() : List.copyOf(events);
        }
    }

    public ProjectSettings {
        categories = categories == null ? List.of() : List.copyOf(categories);
        webhooks = webhooks == null ? List.of() : List.copyOf(webhooks);
    }

    /** What a project has before anyone changes its settings. */
    public static ProjectSettings defaults() {
        return new ProjectSettings(null, List.of(), ExtractionMode.LLM, null, null, null, null, List.of(), null);
    }

    /**
     * These settings with the engine's part replaced by what the tenant directory holds, the one source of truth for it:
     * the console publishes there, and so does a Mem0 client's {@code updateProject} through the gateway.
     */
    public ProjectSettings withEngineDefaults(ProjectDefaults engine) {
        List<String> names = engine.categories() == null ? List.of() : List.copyOf(engine.categories().keySet());
        return new ProjectSettings(engine.customInstructions(), names, engine.offlineOnly() ? ExtractionMode.OFFLINE : ExtractionMode.LLM,
                llmProvider, llmModel, engine.llmProfile(), engine.defaultExpirationDays(), webhooks, updatedAt);
    }

    /** These settings with this LLM profile (null: the default LLM). */
    public ProjectSettings withLlmProfile(String profile) {
        return new ProjectSettings(customInstructions, categories, extractionMode, llmProvider, llmModel, profile, defaultExpirationDays,
                webhooks, updatedAt);
    }

    /**
     * What the gateways apply to the project's adds: the instructions, the categories (names, without descriptions),
     * the expiration, {@link ExtractionMode#OFFLINE} as offline-only extraction, and the LLM profile.
     */
    public ProjectDefaults engineDefaults() {
        Map<String, String> named = new LinkedHashMap<>();
        for (String c : categories) named.put(c, "");
        return new ProjectDefaults(customInstructions, named, defaultExpirationDays, extractionMode == ExtractionMode.OFFLINE, llmProfile);
    }
}
