package dev.engram.dashboard.store;

import java.time.Instant;
import java.util.List;

/**
 * Settings of one project. {@code defaultExpirationDays} null means memories never expire. Webhooks are stored here and
 * delivered by a later component.
 */
public record ProjectSettings(String customInstructions, List<String> categories, ExtractionMode extractionMode,
                              String llmProvider, String llmModel, Integer defaultExpirationDays, List<Webhook> webhooks,
                              Instant updatedAt) {

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
        return new ProjectSettings(null, List.of(), ExtractionMode.OFFLINE, null, null, null, List.of(), null);
    }
}
