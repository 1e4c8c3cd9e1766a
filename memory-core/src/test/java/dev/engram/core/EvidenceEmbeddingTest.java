package dev.engram.core;

import dev.engram.core.domain.AddRequest;
import dev.engram.core.domain.MemoryState;
import dev.engram.core.domain.Message;
import dev.engram.core.domain.Scope;
import dev.engram.core.domain.SearchHit;
import dev.engram.core.engine.Embedder;
import dev.engram.core.engine.EngineSettings;
import dev.engram.core.engine.RetrievalSettings;
import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.embedding.onnx.bgesmallzhv15q.BgeSmallZhV15QuantizedEmbeddingModel;
import dev.langchain4j.model.output.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Which texts an add embeds for its evidence: heads by role, and no head for a message a fact stands for. */
class EvidenceEmbeddingTest {

    private static final String LONG_ANSWER = "Sourdough needs a lively starter: feed it twice a day with equal weights of flour and water, "
            + "keep it somewhere warm, and use it when it has doubled and smells pleasantly sour. For the dough itself, mix 500 g of "
            + "flour with 325 ml of water and 10 g of salt, then let it rest overnight in the fridge before shaping the loaf.";

    /** The default model, recording every text it is asked to embed. */
    private static final class Recording implements EmbeddingModel {
        final List<String> texts = Collections.synchronizedList(new ArrayList<>());
        private final EmbeddingModel inner = new BgeSmallZhV15QuantizedEmbeddingModel();

        @Override
        public Response<List<Embedding>> embedAll(List<TextSegment> segments) {
            for (TextSegment s : segments) texts.add(s.text());
            return inner.embedAll(segments);
        }

        @Override
        public int dimension() {
            return 512;
        }
    }

    private final Recording model = new Recording();
    private Memory memory;

    private Memory open(RetrievalSettings retrieval) {
        memory = Memory.builder().inMemory().embedder(new Embedder(model, Embedder.DEFAULT_MODEL_NAME))
                .settings(EngineSettings.defaults().withRetrieval(retrieval)).build();
        return memory;
    }

    @AfterEach
    void close() {
        if (memory != null) memory.close();
    }

    private static AddRequest conversation(Scope scope) {
        return AddRequest.of(scope, List.of(
                Message.user("I adopted a beagle named Biscuit last spring.").withId("m1"),
                Message.assistant(LONG_ANSWER).withId("m2"))).withEventId("e1");
    }

    @Test
    void byDefaultTheUsersMessageIsEmbeddedAndTheAnswerTakesItsVector() {
        open(RetrievalSettings.defaults()).add(conversation(Scope.user("u")));

        assertThat(model.texts).contains("I adopted a beagle named Biscuit last spring.");
        assertThat(model.texts).noneMatch(t -> t.startsWith("Sourdough"));
    }

    @Test
    void withoutTheQuestionsVectorEveryMessageHeadIsEmbeddedUpTo512Characters() {
        open(RetrievalSettings.defaults().withAssistantFromUser(false)).add(conversation(Scope.user("u")));

        assertThat(model.texts).contains("I adopted a beagle named Biscuit last spring.");
        assertThat(model.texts).anyMatch(t -> t.startsWith("Sourdough") && t.length() > 256);
    }

    @Test
    void theAssistantsHeadIsCutToItsOwnLength() {
        open(RetrievalSettings.defaults().withAssistantFromUser(false).withEvidenceEmbedChars(512, 128)).add(conversation(Scope.user("u")));

        assertThat(model.texts).contains("I adopted a beagle named Biscuit last spring.");
        assertThat(model.texts).filteredOn(t -> t.startsWith("Sourdough")).singleElement().satisfies(t -> assertThat(t.length()).isLessThanOrEqualTo(128));
    }

    @Test
    void aMessageAFactWasDrawnFromTakesTheFactsVectorAndIsStillFound() {
        Scope u = Scope.user("u");
        open(RetrievalSettings.defaults().withAssistantFromUser(false).withEvidenceFromFacts(true)).add(conversation(u));

        assertThat(model.texts).doesNotContain("I adopted a beagle named Biscuit last spring.");
        assertThat(model.texts).anyMatch(t -> t.startsWith("Sourdough"));
        assertThat(model.texts).anyMatch(t -> t.contains("Biscuit")); // the fact drawn from the user's message

        List<SearchHit> dog = memory.search("what is the name of my beagle", u);
        assertThat(dog).isNotEmpty();
        assertThat(dog.get(0).memory().text()).contains("Biscuit");
        List<SearchHit> water = memory.search("how much water goes in the dough", u);
        assertThat(water.get(0).memory().state()).isEqualTo(MemoryState.EVIDENCE);
        assertThat(water.get(0).memory().text()).contains("325 ml");
    }

    @Test
    void anAssistantMessageCanTakeTheVectorOfTheQuestionItAnswers() {
        Scope u = Scope.user("u");
        open(RetrievalSettings.defaults().withAssistantFromUser(true)).add(conversation(u));

        assertThat(model.texts).contains("I adopted a beagle named Biscuit last spring.");
        assertThat(model.texts).noneMatch(t -> t.startsWith("Sourdough"));

        // Its vector is the question's, so only its keywords find it: among the results, not necessarily first.
        assertThat(memory.search("how much water goes in the dough", u)).anySatisfy(h -> {
            assertThat(h.memory().state()).isEqualTo(MemoryState.EVIDENCE);
            assertThat(h.memory().text()).contains("325 ml");
        });
    }

    @Test
    void anAssistantMessageWithNoQuestionBeforeItIsEmbeddedItself() {
        open(RetrievalSettings.defaults().withAssistantFromUser(true))
                .add(AddRequest.of(Scope.user("u"), List.of(Message.assistant(LONG_ANSWER).withId("m1"))).withEventId("e1"));

        assertThat(model.texts).anyMatch(t -> t.startsWith("Sourdough"));
    }
}
