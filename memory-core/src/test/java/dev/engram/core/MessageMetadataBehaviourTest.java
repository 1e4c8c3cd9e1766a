package dev.engram.core;

import dev.engram.core.domain.AddRequest;
import dev.engram.core.domain.MemoryRecord;
import dev.engram.core.domain.MemoryState;
import dev.engram.core.domain.Message;
import dev.engram.core.domain.Scope;
import dev.engram.core.domain.SearchHit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A message's own metadata (a document passage's provenance) is merged over the add's metadata in the memories made
 * from that message, facts and evidence alike, and in no other memory of the add.
 */
class MessageMetadataBehaviourTest {

    private final Memory memory = Memory.inMemory();

    @AfterEach
    void close() {
        memory.close();
    }

    @Test
    void factsAndEvidenceOfAPassageCarryItsMetadataOverTheAdds() {
        Scope u = Scope.user("reader");
        Map<String, Object> page2 = Map.of("document", Map.of("type", "pdf", "page", 2), "folder", "passage wins");
        memory.add(AddRequest.of(u, List.of(
                        Message.user("I have a cat named Miso."),
                        Message.user("I am allergic to peanuts.").withMetadata(page2)))
                .withMetadata(Map.of("folder", "health", "batch", 7)));

        List<MemoryRecord> all = memory.getAll(u);
        assertThat(all).anySatisfy(m -> {
            assertThat(m.text()).containsIgnoringCase("peanut");
            assertThat(m.metadata()).containsEntry("document", Map.of("type", "pdf", "page", 2))
                    .containsEntry("folder", "passage wins").containsEntry("batch", 7);
        });
        assertThat(all).anySatisfy(m -> {
            assertThat(m.text()).contains("Miso");
            assertThat(m.metadata()).isEqualTo(Map.of("folder", "health", "batch", 7));
        });
    }

    @Test
    void evidenceOfAPassageCarriesItsMetadata() {
        Scope u = Scope.user("baker");
        String recipe = "For the dough, mix 500 g of flour with 325 ml of water and 10 g of salt, then let it rest overnight.";
        memory.add(AddRequest.of(u, List.of(Message.user("Can you give me a bread recipe?"),
                Message.assistant(recipe).withMetadata(Map.of("document", Map.of("type", "text", "passage", 1))))));

        List<SearchHit> hits = memory.search("how much water goes in the dough", u);

        assertThat(hits).first().satisfies(h -> {
            assertThat(h.memory().state()).isEqualTo(MemoryState.EVIDENCE);
            assertThat(h.memory().metadata()).containsEntry("document", Map.of("type", "text", "passage", 1));
        });
    }
}
