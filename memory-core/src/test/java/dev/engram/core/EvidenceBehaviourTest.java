package dev.engram.core;

import dev.engram.core.domain.AddRequest;
import dev.engram.core.domain.MemoryRecord;
import dev.engram.core.domain.MemoryState;
import dev.engram.core.domain.Message;
import dev.engram.core.domain.Scope;
import dev.engram.core.domain.SearchHit;
import dev.engram.core.domain.SearchRequest;
import dev.engram.core.domain.Tenant;
import dev.engram.core.domain.UpdateRequest;
import dev.engram.core.engine.EngineSettings;
import dev.engram.core.engine.Evidence;
import dev.engram.core.error.ConflictException;
import dev.engram.core.filter.Filters;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Messages kept as evidence: reachable by search, invisible to listings, forgotten with their facts and scopes. */
class EvidenceBehaviourTest {

    private static final Instant NOW = Instant.parse("2024-05-15T12:00:00Z");
    private static final String RECIPE = "For the dough, mix 500 g of flour with 325 ml of water and 10 g of salt, then let it rest "
            + "overnight in the fridge before shaping the loaf in the morning.";
    private Memory memory;

    private Memory open(EngineSettings settings) {
        memory = Memory.builder().inMemory().settings(settings).clock(Clock.fixed(NOW, ZoneOffset.UTC)).build();
        return memory;
    }

    @AfterEach
    void close() {
        if (memory != null) memory.close();
    }

    private static AddRequest conversation(Scope scope, String eventId) {
        return AddRequest.of(scope, List.of(
                Message.user("Can you give me a bread recipe?").withId("m1"),
                Message.assistant(RECIPE).withId("m2"))).withEventId(eventId);
    }

    @Test
    void whatTheAssistantSaidIsFoundThoughNoFactWasDrawnFromIt() {
        Scope u = Scope.user("baker");
        open(EngineSettings.defaults()).add(conversation(u, "e1"));

        List<SearchHit> hits = memory.search("how much water goes in the dough", u);

        assertThat(hits).isNotEmpty();
        SearchHit first = hits.get(0);
        assertThat(first.memory().state()).isEqualTo(MemoryState.EVIDENCE);
        assertThat(first.memory().text()).contains("325 ml of water");
        assertThat(first.memory().sources()).extracting(s -> s.messageId()).containsExactly("m2");
        assertThat(first.memory().id()).isEqualTo(Evidence.id(u, "e1", 1));
        assertThat(memory.getAll(u)).extracting(MemoryRecord::state).doesNotContain(MemoryState.EVIDENCE);
    }

    @Test
    void withoutEvidenceTheMessageIsGone() {
        Scope u = Scope.user("baker");
        EngineSettings off = EngineSettings.defaults().withRetrieval(EngineSettings.defaults().retrieval().withKeepEvidence(false));
        open(off).add(conversation(u, "e1"));

        assertThat(memory.search("how much water goes in the dough", u))
                .extracting(h -> h.memory().text()).noneMatch(t -> t.contains("325 ml"));
    }

    @Test
    void aMessageCountsOnceShownByItsFact() {
        Scope u = Scope.user("u-fact");
        open(EngineSettings.defaults()).add(AddRequest.of(u, List.of(Message.user("I adopted a beagle named Biscuit.").withId("m1")))
                .withEventId("e1"));

        List<SearchHit> hits = memory.search("What is the name of my dog?", u);

        assertThat(hits).hasSize(1);
        assertThat(hits.get(0).memory().state()).isEqualTo(MemoryState.ACTIVE);
        assertThat(hits.get(0).memory().text()).contains("Biscuit");
    }

    @Test
    void deletingAFactForgetsTheMessageItCameFrom() {
        Scope u = Scope.user("u-forget");
        open(EngineSettings.defaults()).add(AddRequest.of(u, List.of(Message.user("I adopted a beagle named Biscuit.").withId("m1")))
                .withEventId("e1"));
        MemoryRecord fact = memory.getAll(u).get(0);

        memory.delete(fact.id());

        assertThat(memory.search("beagle Biscuit", u)).isEmpty();
        assertThat(memory.get(Evidence.id(u, "e1", 0))).isEmpty();
    }

    @Test
    void deletingAScopeCountsMemoriesAndLeavesNoEvidence() {
        Scope u = Scope.user("baker");
        open(EngineSettings.defaults()).add(conversation(u, "e1"));
        int memories = memory.getAll(u).size();

        assertThat(memory.deleteAll(u)).isEqualTo(memories);
        assertThat(memory.search("water dough flour", u)).isEmpty();
    }

    @Test
    void verbatimAddsKeepNoSecondCopy() {
        Scope u = Scope.user("u-verbatim");
        open(EngineSettings.defaults()).add(AddRequest.of(u, List.of(Message.assistant(RECIPE))).withInfer(false).withEventId("e1"));

        assertThat(memory.get(Evidence.id(u, "e1", 0))).isEmpty();
        assertThat(memory.search("water in the dough", u)).hasSize(1);
    }

    @Test
    void evidenceIsReadOnlyAndReindexedWithoutBeingCounted() {
        Scope u = Scope.user("baker");
        open(EngineSettings.defaults()).add(conversation(u, "e1"));
        var evidence = Evidence.id(u, "e1", 1);

        assertThatThrownBy(() -> memory.update(evidence, "changed")).isInstanceOf(ConflictException.class);
        assertThat(memory.reindex(Tenant.DEFAULT)).isEqualTo(memory.getAll(u).size());
        assertThat(memory.search("how much water goes in the dough", u).get(0).memory().id()).isEqualTo(evidence);
    }

    @Test
    void evidenceOfASupersededValueIsHiddenUnlessAskedFor() {
        Scope u = Scope.user("u-move");
        open(EngineSettings.defaults());
        memory.add(AddRequest.of(u, List.of(Message.user("I live in Paris.").withId("old"))).withEventId("e1"));
        memory.add(AddRequest.of(u, List.of(Message.user("I moved to Berlin.").withId("new"))).withEventId("e2"));

        List<SearchHit> now = memory.search("Which city do I live in?", u);
        assertThat(now).flatExtracting(h -> h.memory().sources()).extracting(s -> s.messageId()).doesNotContain("old");

        List<SearchHit> all = memory.search(SearchRequest.of(Tenant.DEFAULT, "Which city do I live in?", Filters.forScope(u))
                .withIncludeSuperseded(true)).hits();
        assertThat(all).flatExtracting(h -> h.memory().sources()).extracting(s -> s.messageId()).contains("old", "new");
    }
}
