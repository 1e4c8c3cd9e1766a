package dev.engram.gateway.service;

import com.fasterxml.jackson.databind.JsonNode;
import dev.engram.core.domain.Filter;
import dev.engram.core.domain.MemoryRecord;
import dev.engram.core.domain.Page;
import dev.engram.core.error.ValidationException;
import dev.engram.core.profile.ProfileBuilder;
import dev.engram.core.profile.ProfileFacts;
import dev.engram.core.profile.UserMemories;
import dev.engram.gateway.config.EngramConfig;
import dev.engram.gateway.config.ProfilesConfig;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Mem0's memory summary ({@code POST /v1/summary/}, Python's {@code get_summary}): the memories the filters match,
 * summarised offline as a profile is ({@link ProfileBuilder}: current facts only, the newest value of each superseded
 * one, grouped by category, at most {@code engram.profiles.facts-per-category} per category within
 * {@code engram.profiles.token-budget}). It reads the newest {@link UserMemories#MAX_MEMORIES} matching memories, leaves
 * VERY_NEGATIVE ones out as listings do, and writes nothing.
 */
@ApplicationScoped
public class SummaryService {

    /** One summary: how many memories matched (up to the read cap), the facts shown by category, and them as one text. */
    public record MemorySummary(int totalMemories, Map<String, List<String>> categories, String summary) {
    }

    private final MemoryService memories;
    private final ProfileBuilder builder;
    private final int pageSize;
    private final Clock clock = Clock.systemUTC();

    SummaryService(MemoryService memories, ProfilesConfig profiles, EngramConfig config) {
        this.memories = memories;
        this.builder = new ProfileBuilder(new ProfileBuilder.Limits(profiles.factsPerCategory(), profiles.tokenBudget()));
        this.pageSize = Math.min(200, config.limits().pageSize());
    }

    /** The summary of what {@code body.filters} matches (Mem0's grammar, flat or with AND/OR). */
    public MemorySummary summarize(JsonNode body) {
        if (body == null || !body.isObject()) throw new ValidationException("The request body must be a JSON object with filters");
        JsonNode filters = body.get("filters");
        if (BodyFields.absent(filters)) throw new ValidationException("filters is required, for example {\"user_id\": \"alice\"}");
        if (!filters.isObject()) throw new ValidationException("filters must be a JSON object");
        Filter filter = ScopeFilters.create().filters(filters).build();
        List<MemoryRecord> matched = Page.collect(page -> memories.list(filter, page, pageSize, false, false), UserMemories.MAX_MEMORIES);
        ProfileFacts facts = builder.facts(matched, LocalDate.now(clock));
        Map<String, List<String>> shown = facts.selectedTexts();
        return new MemorySummary(matched.size(), shown, text(shown));
    }

    /** "Personal details: a; b. Preferences: c." */
    static String text(Map<String, List<String>> categories) {
        return categories.entrySet().stream()
                .map(e -> label(e.getKey()) + ": " + String.join("; ", e.getValue()) + ".")
                .collect(Collectors.joining(" "));
    }

    private static String label(String category) {
        String words = category.replace('_', ' ').strip();
        return words.isEmpty() ? words : words.substring(0, 1).toUpperCase(Locale.ROOT) + words.substring(1);
    }
}
