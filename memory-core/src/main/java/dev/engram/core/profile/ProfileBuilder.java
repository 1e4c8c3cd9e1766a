package dev.engram.core.profile;

import com.fasterxml.jackson.databind.JsonNode;
import dev.engram.core.domain.MemoryRecord;
import dev.engram.core.domain.MemoryState;
import dev.engram.core.engine.DefaultCategories;
import dev.engram.core.engine.TokenEstimator;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Builds a user's profile from their memories, offline and deterministically (the same memories give the same profile):
 * <ol>
 *   <li><b>Resolve</b>: only ACTIVE, unexpired memories count. A superseded memory is represented by the memory that
 *       replaced it (the engine keeps the old one SUPERSEDED with {@code replacedBy} pointing to the new one, and an
 *       updated memory already holds its newest text), so the newest value wins. Two active memories of the same
 *       single-valued slot (the engine's {@code subject|attribute} key, e.g. {@code user|location}) keep only the newer
 *       one, and the same text twice is kept once.</li>
 *   <li><b>Group</b> each fact under its first category (Mem0's default categories first, in their order, then the
 *       project's own categories alphabetically; a fact without a category goes to {@code misc}), newest first.</li>
 *   <li><b>Keep it concise</b>: at most {@link Limits#factsPerCategory()} facts per category and
 *       {@link Limits#tokenBudget()} estimated tokens in all, filled round-robin (the newest fact of each category,
 *       then the second newest of each, ...) so one busy category cannot crowd the others out.</li>
 * </ol>
 * Newest means the latest of the fact's event time (when the text dated it) and its creation, then its last update.
 */
public final class ProfileBuilder {

    /** The category of a fact that has none. */
    public static final String UNCATEGORIZED = "misc";

    /**
     * @param factsPerCategory the most facts shown per category
     * @param tokenBudget      the most estimated tokens of fact text in a profile
     */
    public record Limits(int factsPerCategory, int tokenBudget) {
        public static final Limits DEFAULTS = new Limits(5, 400);

        public Limits {
            if (factsPerCategory < 1 || tokenBudget < 1) throw new IllegalArgumentException("profile limits must be positive");
        }
    }

    private static final Comparator<MemoryRecord> NEWEST_FIRST = Comparator.comparing(ProfileBuilder::recency)
            .thenComparing(MemoryRecord::updatedAt, Comparator.nullsFirst(Comparator.naturalOrder()))
            .thenComparing(m -> m.id().toString()).reversed();

    private final Limits limits;

    public ProfileBuilder(Limits limits) {
        this.limits = limits;
    }

    /** The user's facts, resolved, grouped and selected. */
    public ProfileFacts facts(List<MemoryRecord> memories, LocalDate today) {
        List<MemoryRecord> current = resolve(memories, today);
        Map<String, List<MemoryRecord>> grouped = new TreeMap<>(ProfileBuilder::compareCategories);
        for (MemoryRecord m : current) grouped.computeIfAbsent(category(m), c -> new ArrayList<>()).add(m);
        Map<String, List<MemoryRecord>> byCategory = new LinkedHashMap<>();
        grouped.forEach((category, facts) -> byCategory.put(category, facts.stream().sorted(NEWEST_FIRST).toList()));
        return new ProfileFacts(byCategory, select(byCategory));
    }

    /**
     * The offline profile: {@code {"categories": {category: [fact, ...]}}}, or, when the project has a schema, an object
     * with the schema's properties filled from the facts ({@link SchemaProjection}).
     */
    public Map<String, Object> profile(ProfileFacts facts, JsonNode schema) {
        if (schema != null && schema.path("properties").isObject()) return new SchemaProjection(limits.factsPerCategory()).project(schema, facts);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("categories", facts.selectedTexts());
        return out;
    }

    private static List<MemoryRecord> resolve(List<MemoryRecord> memories, LocalDate today) {
        Map<String, MemoryRecord> bySlot = new HashMap<>();
        Map<String, MemoryRecord> byHash = new HashMap<>();
        List<MemoryRecord> unslotted = new ArrayList<>();
        for (MemoryRecord m : memories) {
            if (m.state() != MemoryState.ACTIVE || m.isExpired(today) || m.text() == null || m.text().isBlank()) continue;
            if (m.slot() != null) bySlot.merge(m.slot(), m, ProfileBuilder::newer);
            else unslotted.add(m);
        }
        List<MemoryRecord> all = new ArrayList<>(bySlot.values());
        all.addAll(unslotted);
        for (MemoryRecord m : all) byHash.merge(m.hash(), m, ProfileBuilder::newer);
        return new ArrayList<>(byHash.values());
    }

    private static MemoryRecord newer(MemoryRecord a, MemoryRecord b) {
        return NEWEST_FIRST.compare(a, b) <= 0 ? a : b;
    }

    private static Instant recency(MemoryRecord m) {
        Instant created = m.createdAt() == null ? Instant.EPOCH : m.createdAt();
        return m.eventTime() != null && m.eventTime().isAfter(created) ? m.eventTime() : created;
    }

    static String category(MemoryRecord m) {
        return m.categories().isEmpty() ? UNCATEGORIZED : m.categories().getFirst();
    }

    /** Mem0's default categories in their order, then every other category alphabetically. */
    private static int compareCategories(String a, String b) {
        int ia = defaultRank(a);
        int ib = defaultRank(b);
        if (ia != ib) return Integer.compare(ia, ib);
        return a.compareTo(b);
    }

    private static int defaultRank(String category) {
        int i = 0;
        for (String name : DefaultCategories.ALL.keySet()) {
            if (name.equals(category)) return i;
            i++;
        }
        return Integer.MAX_VALUE;
    }

    private Map<String, List<MemoryRecord>> select(Map<String, List<MemoryRecord>> byCategory) {
        Map<String, List<MemoryRecord>> selected = new LinkedHashMap<>();
        byCategory.keySet().forEach(c -> selected.put(c, new ArrayList<>()));
        int tokens = 0;
        boolean full = false;
        for (int rank = 0; rank < limits.factsPerCategory() && !full; rank++) {
            boolean any = false;
            for (Map.Entry<String, List<MemoryRecord>> e : byCategory.entrySet()) {
                if (rank >= e.getValue().size()) continue;
                any = true;
                MemoryRecord m = e.getValue().get(rank);
                int cost = TokenEstimator.estimate(m.text());
                if (tokens + cost > limits.tokenBudget()) {
                    full = true;
                    break;
                }
                tokens += cost;
                selected.get(e.getKey()).add(m);
            }
            if (!any) break;
        }
        selected.values().removeIf(List::isEmpty);
        return selected;
    }
}
