package dev.engram.core.profile;

import dev.engram.core.domain.MemoryRecord;

import java.util.List;
import java.util.Map;

/**
 * A user's current facts, resolved and grouped: each fact once, in its first category, the newest value of each
 * superseded or contradicted fact only.
 *
 * @param byCategory every resolved fact, by category in profile order, newest first within a category
 * @param selected   the concise subset the profile shows (per-category cap and token budget), same order
 */
public record ProfileFacts(Map<String, List<MemoryRecord>> byCategory, Map<String, List<MemoryRecord>> selected) {

    /** How many resolved facts the user has. */
    public int count() {
        return byCategory.values().stream().mapToInt(List::size).sum();
    }

    /** The selected facts' texts by category. */
    public Map<String, List<String>> selectedTexts() {
        Map<String, List<String>> out = new java.util.LinkedHashMap<>();
        selected.forEach((category, facts) -> out.put(category, facts.stream().map(MemoryRecord::text).toList()));
        return out;
    }
}
