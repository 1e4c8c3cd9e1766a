package dev.engram.bench.llm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.engram.bench.quality.Conversation;
import dev.engram.bench.quality.QualityDataset;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ScriptedLlmTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Conversation BERLIN = QualityDataset.load().conversations().stream()
            .filter(c -> c.id().equals("01-berlin-move")).findFirst().orElseThrow();

    @Test
    void extractionAnswersTheGoldFactsOfTheQuotedMessagesWithTheirPositions() throws Exception {
        var session2 = BERLIN.sessions().get(1).messages();
        var prompt = new StringBuilder("Extract facts from this conversation as JSON.\n");
        for (int i = 0; i < session2.size(); i++) {
            prompt.append('[').append(i + 10).append("] 2023-04-17 19:10 Mon ").append(session2.get(i).role()).append(": ").append(session2.get(i).content()).append('\n');
        }

        JsonNode facts = JSON.readTree(new ScriptedLlm(BERLIN).answer(prompt.toString())).get("facts");

        List<String> texts = new ArrayList<>();
        facts.forEach(f -> texts.add(f.get("text").asText()));
        assertThat(texts).contains("Lives in Berlin (Friedrichshain) since May 2023",
                "Works as a senior data analyst at Routewise, a mobility startup", "Has a cat named Mochi");
        // "Lives in Munich" cites m7 only as the message contradicting it: not re-extracted from session 2.
        assertThat(texts).doesNotContain("Lives in Munich", "Is vegetarian");
        JsonNode routewise = find(facts, "Works as a senior data analyst at Routewise, a mobility startup");
        assertThat(routewise.get("source_messages").get(0).asInt()).isEqualTo(12); // m9 is on the line labelled [12]
    }

    @Test
    void reconciliationAddsNewFactsKeepsExactRepeatsAndDeletesSupersededOnes() throws Exception {
        String prompt = """
                Compare new facts with the memory. Events: ADD, UPDATE, DELETE, NONE. Reply {"memory": [{"id": "", "event": ""}]}
                Existing memory:
                [{"id": "0", "text": "Is vegetarian"}, {"id": "1", "text": "Works as a data analyst in Munich"}, {"id": "2", "text": "Enjoys jazz"}]
                New facts: ["Is vegetarian", "Works as a senior data analyst at Routewise, a mobility startup"]
                """;

        JsonNode memory = JSON.readTree(new ScriptedLlm(BERLIN).answer(prompt)).get("memory");

        assertThat(find(memory, "Is vegetarian").get("event").asText()).isEqualTo("NONE");
        assertThat(find(memory, "Works as a data analyst in Munich").get("event").asText()).isEqualTo("DELETE");
        assertThat(memory.findValuesAsText("text")).doesNotContain("Enjoys jazz"); // no new fact concerns it: no entry
        assertThat(find(memory, "Works as a senior data analyst at Routewise, a mobility startup").get("event").asText())
                .isEqualTo("ADD");
        assertThat(memory).hasSize(3);
    }

    @Test
    void phaseIsRecognisedByTheEventVocabulary() {
        assertThat(ScriptedLlm.isReconciliation("Decide ADD, UPDATE, DELETE or NONE; reply {\"event\": …}")).isTrue();
        assertThat(ScriptedLlm.isReconciliation("Extract the facts; reply {\"facts\": [{\"event_date\": null}]}")).isFalse();
    }

    private static JsonNode find(JsonNode array, String text) {
        for (JsonNode n : array) if (n.get("text").asText().equals(text)) return n;
        throw new AssertionError("no entry with text " + text + " in " + array);
    }
}
