package dev.engram.core.llm;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.engram.core.reconcile.FactCandidates;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.UserMessage;

import java.util.ArrayList;
import java.util.List;

/**
 * The phase-2 prompt (Mem0's memory update decision, in our words): the existing memories under temporary ids, the new
 * facts, the ADD / UPDATE / DELETE / NONE rules and the reply form.
 */
final class ReconciliationPrompt {

    static final String EXPECTED_FORM = """
            {"memory": [{"id": "<existing id, or new for ADD>", "text": "<memory text>", \
            "event": "ADD|UPDATE|DELETE|NONE", "old_memory": "<previous text, UPDATE only>"}]}""";

    private static final String RULES = """
            You maintain a memory store. You get the memories it already holds, each with an id, and facts newly \
            learned from a conversation. Compare every new fact with the existing memories and decide, for each, one \
            of these events:

            - ADD: the fact is new information that no existing memory holds. Give it the text of the fact; its id \
            does not matter (use "new").
            - UPDATE: an existing memory is about the same thing, and the fact adds to it or makes it more precise. \
            Keep the memory's id, write the combined, more informative text, and give the previous text in \
            "old_memory". Do not update when both say the same thing in other words ("likes cheese pizza" and "loves \
            cheese pizza"): that is NONE.
            - DELETE: the fact contradicts an existing memory (the user moved, changed jobs, no longer likes \
            something). Give the id and text of the contradicted memory; add the new fact with its own ADD entry.
            - NONE: the fact is already known, or not worth keeping. Give the id of the memory that already holds it.

            Rules:
            - Ids for UPDATE, DELETE and NONE must be ids from the existing memories, exactly as given. Never invent ids.
            - Every new fact must be covered by one entry. Existing memories that no fact concerns need no entry.
            - Keep each text in the language it was written in.
            - Reply with only one JSON object, no prose and no code fences, of this form:
            """ + EXPECTED_FORM;

    private static final ObjectMapper JSON = new ObjectMapper();

    private ReconciliationPrompt() {
    }

    static List<ChatMessage> build(List<FactCandidates> facts, TemporaryIds ids) {
        StringBuilder u = new StringBuilder(2048);
        if (ids.isEmpty()) {
            u.append("Existing memories: none.\n");
        } else {
            List<String> lines = new ArrayList<>();
            ids.all().forEach((id, memory) -> lines.add(
                    JSON.createObjectNode().put("id", id).put("text", memory.text()).toString()));
            u.append("Existing memories:\n").append(jsonLines(lines));
        }
        List<String> newFacts = facts.stream().map(fc -> JSON.getNodeFactory().textNode(fc.fact().text()).toString()).toList();
        u.append("\nNew facts:\n").append(jsonLines(newFacts));
        return List.of(SystemMessage.from(RULES), UserMessage.from(u.toString()));
    }

    /** A JSON array with one element per line: compact for the model, readable in logs. */
    private static String jsonLines(List<String> elements) {
        return "[\n  " + String.join(",\n  ", elements) + "\n]\n";
    }
}
