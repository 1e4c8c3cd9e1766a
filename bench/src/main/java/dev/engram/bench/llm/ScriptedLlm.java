package dev.engram.bench.llm;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.engram.bench.quality.Conversation;
import dev.engram.bench.quality.Conversation.GoldFact;
import dev.engram.bench.quality.DatasetMessage;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A perfect LLM for one dataset conversation, answering the engine's two prompts from the gold annotations.
 *
 * <p><b>Phase 1 (extraction)</b>: finds which dataset messages are quoted in the prompt (by their exact content),
 * orders them by where they appear, and answers {@code {"facts":[{"text":…,"source_messages":[i,…]}]}} with every gold
 * fact stated by one of them; {@code source_messages} are the {@code [i]} index the prompt gives each message line (the
 * engine's extraction prompt), else 0-based positions among the quoted messages, i.e. indexes in the add's message list. A superseded gold fact is stated only by its own messages, never by the messages that
 * contradict it.
 *
 * <p><b>Phase 2 (reconciliation)</b>, recognised by Mem0's event vocabulary (ADD, NONE, UPDATE/DELETE): parses the
 * existing memories ({@code {"id":…,"text":…}} objects) and the new facts (gold fact texts quoted elsewhere in the
 * prompt) and answers Mem0's {@code {"memory":[{"id","text","event"}]}}: NONE for an existing memory a new fact repeats
 * exactly, ADD for every other new fact, and DELETE for existing memories whose gold fact a new fact supersedes.
 * Existing memories no new fact concerns get no entry, as the engine's prompt asks.
 */
final class ScriptedLlm {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern EXISTING = Pattern.compile(
            "\\{\\s*\"id\"\\s*:\\s*\"((?:[^\"\\\\]|\\\\.)*)\"\\s*,\\s*\"text\"\\s*:\\s*\"((?:[^\"\\\\]|\\\\.)*)\"");

    private static final Pattern INDEX_LABEL = Pattern.compile("\\s*\\[(\\d+)]");

    private final Conversation conversation;
    private final Set<String> contradictingMessages = new HashSet<>();

    ScriptedLlm(Conversation conversation) {
        this.conversation = conversation;
        conversation.supersedes().forEach(s -> contradictingMessages.addAll(s.replacement()));
    }

    String answer(String prompt) {
        return isReconciliation(prompt) ? reconcile(prompt) : extract(prompt);
    }

    /** Phase 2 asks for Mem0's events and an {@code "event"} key; phase 1's reply form has neither. */
    static boolean isReconciliation(String prompt) {
        return prompt.contains("\"event\"") && prompt.contains("ADD") && prompt.contains("NONE")
                && (prompt.contains("DELETE") || prompt.contains("UPDATE"));
    }

    String extract(String prompt) {
        List<DatasetMessage> quoted = conversation.messages().stream()
                .filter(m -> prompt.contains(m.content()))
                .sorted(Comparator.comparingInt(m -> prompt.indexOf(m.content())))
                .toList();
        Map<String, Integer> position = new LinkedHashMap<>();
        for (int i = 0; i < quoted.size(); i++) position.put(quoted.get(i).id(), labelOrPosition(prompt, quoted.get(i), i));

        ObjectNode root = JSON.createObjectNode();
        ArrayNode facts = root.putArray("facts");
        for (GoldFact fact : conversation.goldFacts()) {
            List<Integer> sources = new ArrayList<>();
            for (String id : fact.evidence()) {
                Integer at = position.get(id);
                if (at != null && statedBy(fact, id)) sources.add(at);
            }
            if (sources.isEmpty()) continue;
            ObjectNode f = facts.addObject();
            f.put("text", fact.text());
            sources.forEach(f.putArray("source_messages")::add);
        }
        return root.toString();
    }

    /**
     * The index the prompt gives the message (a line starting {@code [i]}, as the engine's extraction prompt writes
     * them), else its position among the quoted messages.
     */
    private static int labelOrPosition(String prompt, DatasetMessage message, int position) {
        int at = prompt.indexOf(message.content());
        int lineStart = prompt.lastIndexOf('\n', at) + 1;
        Matcher label = INDEX_LABEL.matcher(prompt.substring(lineStart, at));
        return label.lookingAt() ? Integer.parseInt(label.group(1)) : position;
    }

    /** An inactive fact is cited by the messages that state it, not by those that contradict it. */
    private boolean statedBy(GoldFact fact, String messageId) {
        return fact.active() || !contradictingMessages.contains(messageId);
    }

    String reconcile(String prompt) {
        Map<String, String> existing = new LinkedHashMap<>();
        var rest = new StringBuilder();
        Matcher m = EXISTING.matcher(prompt);
        int last = 0;
        while (m.find()) {
            existing.put(unescape(m.group(1)), unescape(m.group(2)));
            rest.append(prompt, last, m.start());
            last = m.end();
        }
        rest.append(prompt.substring(last));
        String newFactsPart = rest.toString();
        List<GoldFact> newFacts = conversation.goldFacts().stream().filter(f -> newFactsPart.contains(f.text())).toList();

        Map<String, String> events = new LinkedHashMap<>();
        List<String> additions = new ArrayList<>();
        for (GoldFact fact : newFacts) {
            boolean known = false;
            for (var entry : existing.entrySet()) {
                if (entry.getValue().equals(fact.text())) {
                    events.putIfAbsent(entry.getKey(), "NONE");
                    known = true;
                } else if (supersedes(fact, entry.getValue())) {
                    events.put(entry.getKey(), "DELETE");
                }
            }
            if (!known) additions.add(fact.text());
        }

        ObjectNode root = JSON.createObjectNode();
        ArrayNode memory = root.putArray("memory");
        events.forEach((id, event) -> memory.addObject().put("id", id).put("text", existing.get(id)).put("event", event));
        for (int i = 0; i < additions.size(); i++) {
            memory.addObject().put("id", "new-" + i).put("text", additions.get(i)).put("event", "ADD");
        }
        return root.toString();
    }

    /** True when {@code fact} comes from the new side of a supersede whose old side states the inactive fact {@code text}. */
    private boolean supersedes(GoldFact fact, String text) {
        if (!fact.active()) return false;
        for (var s : conversation.supersedes()) {
            if (fact.evidence().stream().noneMatch(s.replacement()::contains)) continue;
            for (GoldFact old : conversation.goldFacts()) {
                if (!old.active() && old.text().equals(text) && old.evidence().stream().anyMatch(s.old()::contains)) return true;
            }
        }
        return false;
    }

    private static String unescape(String jsonString) {
        try {
            return JSON.readValue("\"" + jsonString + "\"", String.class);
        } catch (Exception e) {
            return jsonString;
        }
    }
}
