package dev.engram.core.profile;

import com.fasterxml.jackson.databind.JsonNode;
import dev.engram.core.domain.MemoryRecord;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Fills a project's JSON Schema from a user's facts, offline and best-effort. What is honoured:
 * <ul>
 *   <li>the top-level {@code properties}, in their order, under their names verbatim; nothing else is added;</li>
 *   <li>which facts a property gets: a property named like a category (e.g. {@code food}) gets that category's facts;
 *       any other gets the facts sharing at least one word with its name or {@code description} (words of three letters or
 *       more, common words left out), the most shared words first, then the newest;</li>
 *   <li>{@code type}: {@code array} → the matched facts' texts (at most the per-category cap); {@code string} or no type
 *       → the best matches joined with "; " (at most three), or, with an {@code enum}, the first enum value a matched
 *       fact mentions; {@code integer}/{@code number} → the first number in the matched facts; {@code object} with
 *       {@code properties} → filled the same way, recursively;</li>
 *   <li>a property nothing matches, a {@code boolean}, and an enum no fact mentions are {@code null}: the offline path
 *       does not guess (the LLM summary is where interpretation happens).</li>
 * </ul>
 * Not honoured: {@code required}, formats, patterns, {@code $ref} and combinators ({@code anyOf}, ...).
 */
final class SchemaProjection {

    private static final Pattern WORD = Pattern.compile("[\\p{L}\\p{N}]+");
    private static final Pattern NUMBER = Pattern.compile("-?\\d+(?:\\.\\d+)?");
    private static final Pattern CAMEL = Pattern.compile("(?<=[a-z])(?=[A-Z])");
    private static final Set<String> COMMON = Set.of("the", "and", "for", "with", "user", "users", "their", "they", "this", "that",
            "has", "have", "are", "was", "were", "who", "what", "which", "from", "about", "any", "all", "list",
            "person", "people", "kind", "kinds", "favorite", "favourite", "current", "value", "values", "other");
    private static final int MAX_JOINED = 3;
    private static final int MAX_DEPTH = 3;

    private final int maxItems;

    SchemaProjection(int maxItems) {
        this.maxItems = maxItems;
    }

    Map<String, Object> project(JsonNode schema, ProfileFacts facts) {
        return object(schema, facts, 0);
    }

    private Map<String, Object> object(JsonNode schema, ProfileFacts facts, int depth) {
        Map<String, Object> out = new LinkedHashMap<>();
        schema.path("properties").properties().forEach(e -> out.put(e.getKey(), value(e.getKey(), e.getValue(), facts, depth)));
        return out;
    }

    private Object value(String name, JsonNode property, ProfileFacts facts, int depth) {
        String type = property.path("type").asText("string");
        if ("object".equals(type)) {
            return property.path("properties").isObject() && depth < MAX_DEPTH ? object(property, facts, depth + 1) : null;
        }
        if ("boolean".equals(type)) return null;
        List<MemoryRecord> matched = matches(name, property.path("description").asText(""), facts);
        if (matched.isEmpty()) return null;
        List<String> texts = matched.stream().map(MemoryRecord::text).toList();
        return switch (type) {
            case "array" -> texts.subList(0, Math.min(maxItems, texts.size()));
            case "integer", "number" -> firstNumber(texts, "integer".equals(type));
            default -> property.path("enum").isArray() ? enumValue(property.path("enum"), texts)
                    : String.join("; ", texts.subList(0, Math.min(MAX_JOINED, texts.size())));
        };
    }

    /** The facts a property gets: its category's, else those sharing words with its name and description. */
    private static List<MemoryRecord> matches(String name, String description, ProfileFacts facts) {
        String key = name.toLowerCase(Locale.ROOT).replace('-', '_').replace(' ', '_');
        List<MemoryRecord> category = facts.byCategory().get(key);
        if (category != null) return category;
        Set<String> wanted = words(CAMEL.matcher(name).replaceAll(" ") + " " + name.replace('_', ' ') + " " + description);
        if (wanted.isEmpty()) return List.of();
        record Scored(MemoryRecord fact, int score, int order) {
        }
        List<Scored> scored = new ArrayList<>();
        int order = 0;
        for (List<MemoryRecord> group : facts.byCategory().values()) {
            for (MemoryRecord m : group) {
                Set<String> have = words(m.text() + " " + String.join(" ", m.categories()).replace('_', ' '));
                int score = 0;
                for (String w : wanted) if (have.contains(w)) score++;
                if (score > 0) scored.add(new Scored(m, score, order));
                order++;
            }
        }
        scored.sort(Comparator.comparingInt(Scored::score).reversed().thenComparing(s -> s.fact().createdAt(),
                Comparator.nullsLast(Comparator.reverseOrder())).thenComparingInt(Scored::order));
        return scored.stream().map(Scored::fact).toList();
    }

    /** Lower-case content words (three letters or more, common words out), a trailing plural "s" removed. */
    static Set<String> words(String text) {
        Set<String> out = new HashSet<>();
        Matcher m = WORD.matcher(text.toLowerCase(Locale.ROOT));
        while (m.find()) {
            String w = m.group();
            if (w.length() < 3 || COMMON.contains(w)) continue;
            out.add(w.length() > 3 && w.endsWith("s") && !w.endsWith("ss") ? w.substring(0, w.length() - 1) : w);
        }
        return out;
    }

    private static Object firstNumber(List<String> texts, boolean integer) {
        for (String t : texts) {
            Matcher m = NUMBER.matcher(t);
            if (m.find()) {
                double d = Double.parseDouble(m.group());
                return integer ? (Object) (long) d : (Object) d;
            }
        }
        return null;
    }

    private static Object enumValue(JsonNode values, List<String> texts) {
        for (JsonNode v : values) {
            if (!v.isTextual()) continue;
            String wanted = v.asText().toLowerCase(Locale.ROOT);
            for (String t : texts) if (!wanted.isBlank() && t.toLowerCase(Locale.ROOT).contains(wanted)) return v.asText();
        }
        return null;
    }
}
