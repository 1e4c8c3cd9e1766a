package dev.engram.core.llm;

import com.fasterxml.jackson.databind.JsonNode;
import dev.engram.core.domain.Message;
import dev.engram.core.extract.ExtractionRequest;
import dev.engram.core.extract.Fact;

import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Maps a phase-1 reply to {@link Fact}s. Accepts our rich form ({@code {"facts":[{"text":…,"event_date":…}]}}), Mem0's
 * plain form ({@code {"facts":["…"]}}) and Mem0's dict items with {@code fact} or {@code text}. Whatever the model says
 * is checked against the request: message indexes must exist (else the last message of the variant's role is the
 * source), categories must be among the request's, dates must be real dates. A reply without a {@code facts} array is
 * invalid; unusable items inside it are skipped.
 */
final class FactReplyReader implements JsonReplyReader<List<Fact>> {

    private final ExtractionRequest request;
    private final ExtractionPrompt.Variant variant;

    FactReplyReader(ExtractionRequest request, ExtractionPrompt.Variant variant) {
        this.request = request;
        this.variant = variant;
    }

    @Override
    public List<Fact> read(JsonNode reply) throws InvalidReplyException {
        JsonNode items = reply.get("facts");
        if (items == null || !items.isArray()) {
            throw new InvalidReplyException("The object must have a \"facts\" array, but \"facts\" was "
                    + JsonReplyParser.kind(items) + ".");
        }
        List<Fact> facts = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (JsonNode item : items) {
            Fact fact = toFact(item);
            if (fact != null && seen.add(fact.text().toLowerCase(Locale.ROOT))) facts.add(fact);
        }
        return facts;
    }

    private Fact toFact(JsonNode item) {
        if (item.isTextual()) return fact(item.asText(), null, null, null, List.of(), List.of());
        if (!item.isObject()) return null;
        String text = text(item.get("text"));
        if (text == null) text = text(item.get("fact"));
        return fact(text, text(item.get("speaker")), text(item.get("event_date")), text(item.get("attribute")),
                strings(item.get("categories")), integers(item.get("source_messages")));
    }

    private Fact fact(String text, String speaker, String eventDate, String attribute, List<String> categories,
                      List<Integer> sources) {
        if (text == null || text.isBlank()) return null;
        List<Integer> indexes = validIndexes(sources);
        Message main = request.messages().get(indexes.getFirst());
        String who = speaker(speaker, main);
        String slot = slot(who, attribute);
        return new Fact(text.strip(), indexes, who, main.role(), eventTime(eventDate), slot, categories(categories));
    }

    private List<Integer> validIndexes(List<Integer> proposed) {
        int count = request.messages().size();
        LinkedHashSet<Integer> valid = new LinkedHashSet<>();
        for (Integer i : proposed) if (i != null && i >= 0 && i < count) valid.add(i);
        if (valid.isEmpty()) valid.add(defaultSource());
        return List.copyOf(valid);
    }

    /** The last message of the role facts are drawn from (user, or assistant for the agent variant), else the last one. */
    private int defaultSource() {
        List<Message> messages = request.messages();
        for (int i = messages.size() - 1; i >= 0; i--) {
            if (variant.sourceRole.equalsIgnoreCase(messages.get(i).role())) return i;
        }
        return messages.size() - 1;
    }

    /**
     * The speaker as the conversation spells it: the model's answer when it names someone who speaks in the
     * conversation (by name or role), else the main source message's name, else its role.
     */
    private String speaker(String proposed, Message main) {
        if (proposed != null) {
            for (Message m : request.messages()) {
                if (m.name() != null && m.name().strip().equalsIgnoreCase(proposed)) return m.name().strip();
            }
            for (Message m : request.messages()) {
                if (m.role() != null && m.role().equalsIgnoreCase(proposed)) return m.role();
            }
        }
        if (main.name() != null && !main.name().isBlank()) return main.name().strip();
        return main.role();
    }

    /** "speaker|attribute", lower-cased with snake_case attribute so the same slot always compares equal. */
    private static String slot(String speaker, String attribute) {
        if (attribute == null || speaker == null) return null;
        String a = attribute.strip().toLowerCase(Locale.ROOT).replaceAll("[\\s-]+", "_");
        if (a.isEmpty() || a.equals("null") || a.equals("none")) return null;
        return speaker.toLowerCase(Locale.ROOT) + "|" + a;
    }

    /** The start of the day {@code event_date} names, in the request's zone; null when absent or not a date. */
    private Instant eventTime(String eventDate) {
        if (eventDate == null) return null;
        String d = eventDate.strip();
        if (d.length() > 10) d = d.substring(0, 10);
        try {
            return LocalDate.parse(d).atStartOfDay(request.zone()).toInstant();
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    /** With request categories, only their names (spelt as the request spells them); without, whatever the model gave. */
    private List<String> categories(List<String> proposed) {
        Map<String, String> allowed = request.categories();
        LinkedHashSet<String> out = new LinkedHashSet<>();
        for (String c : proposed) {
            String name = c.strip();
            if (name.isEmpty()) continue;
            if (allowed.isEmpty()) {
                out.add(name);
                continue;
            }
            for (String key : allowed.keySet()) {
                if (key.equalsIgnoreCase(name)) out.add(key);
            }
        }
        return List.copyOf(out);
    }

    private static String text(JsonNode node) {
        if (node == null || node.isNull() || node.isContainerNode()) return null;
        String s = node.asText().strip();
        return s.isEmpty() || s.equalsIgnoreCase("null") ? null : s;
    }

    private static List<String> strings(JsonNode node) {
        if (node == null) return List.of();
        if (node.isTextual()) return List.of(node.asText());
        if (!node.isArray()) return List.of();
        List<String> out = new ArrayList<>();
        for (JsonNode n : node) if (n.isTextual()) out.add(n.asText());
        return out;
    }

    private static List<Integer> integers(JsonNode node) {
        if (node == null) return List.of();
        if (node.isIntegralNumber()) return List.of(node.asInt());
        if (!node.isArray()) return List.of();
        List<Integer> out = new ArrayList<>();
        for (JsonNode n : node) {
            if (n.isIntegralNumber()) out.add(n.asInt());
            else if (n.isTextual() && n.asText().strip().matches("\\d{1,9}")) out.add(Integer.parseInt(n.asText().strip()));
        }
        return out;
    }
}
