package dev.engram.core;

import com.fasterxml.jackson.databind.JsonNode;
import dev.engram.core.domain.AddRequest;
import dev.engram.core.domain.AddResult;
import dev.engram.core.domain.MemoryEvent;
import dev.engram.core.domain.MemoryRecord;
import dev.engram.core.domain.Message;
import dev.engram.core.domain.Scope;
import dev.engram.core.llm.ChatModels;
import dev.engram.core.domain.Tenant;
import dev.engram.core.llm.LlmProvider;
import dev.engram.core.llm.LlmSettings;
import dev.engram.core.llm.ScriptedChatServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** LLM mode end to end: the real OpenAI client over HTTP to a scripted server, through the embedded facade. */
class MemoryLlmModeTest {

    private ScriptedChatServer llm;
    private Memory memory;

    @BeforeEach
    void start() {
        llm = ScriptedChatServer.start();
        memory = Memory.builder().inMemory().chatModel(ChatModels.create(LlmSettings.openAi(llm.baseUrl(), "test-key", "gpt-test"))).build();
    }

    @AfterEach
    void stop() {
        memory.close();
        llm.close();
    }

    @Test
    void factsComeFromTheModelAndContradictionsSupersede() {
        Scope u = Scope.user("llm-user");
        llm.reply("{\"facts\":[{\"text\":\"Lives in Paris\",\"attribute\":\"location\",\"source_messages\":[0]}]}", 120, 20);
        AddResult first = memory.add(AddRequest.of(u, List.of(Message.user("I live in Paris, by the way.").withId("c1")))
                .withTimestamp(Instant.parse("2024-03-01T10:00:00Z")));
        assertThat(first.extractor()).isEqualTo("llm");
        assertThat(first.events()).extracting(MemoryEvent::type).containsExactly(MemoryEvent.Type.ADD);
        assertThat(first.usage().calls()).isEqualTo(1); // no candidates: phase 2 needs no call
        assertThat(first.usage().inputTokens()).isEqualTo(120);

        llm.reply("{\"facts\":[{\"text\":\"Moved to Berlin in February 2024\",\"attribute\":\"location\",\"event_date\":\"2024-02-20\",\"source_messages\":[0]}]}", 150, 30);
        llm.respondWith(this::deletePariAndAddBerlin);
        AddResult second = memory.add(AddRequest.of(u, List.of(Message.user("We moved to Berlin two weeks ago!").withId("c2")))
                .withTimestamp(Instant.parse("2024-03-05T10:00:00Z")));

        assertThat(second.events()).extracting(MemoryEvent::type).containsExactly(MemoryEvent.Type.SUPERSEDE);
        assertThat(second.usage().calls()).isEqualTo(2);
        List<MemoryRecord> active = memory.getAll(u);
        assertThat(active).extracting(MemoryRecord::text).containsExactly("Moved to Berlin in February 2024");
        assertThat(active.get(0).eventTime()).isEqualTo(Instant.parse("2024-02-20T00:00:00Z"));
        assertThat(active.get(0).sources()).extracting(s -> s.messageId()).containsExactly("c2");
        // The reconciliation prompt showed the existing memory under a temporary id, never its UUID.
        String phase2 = llm.promptOf(2);
        assertThat(phase2).contains("Lives in Paris").doesNotContain(first.events().get(0).memoryId().toString());
    }

    private String deletePariAndAddBerlin(JsonNode request) {
        return "{\"memory\":[{\"id\":\"0\",\"text\":\"Lives in Paris\",\"event\":\"DELETE\"},"
                + "{\"id\":\"1\",\"text\":\"Moved to Berlin in February 2024\",\"event\":\"ADD\"}]}";
    }

    @Test
    void aBrokenModelFallsBackToTheOfflinePath() {
        llm.error(500);
        AddResult r = memory.add("I am allergic to shellfish.", Scope.user("fallback-user"));
        assertThat(r.extractor()).isEqualTo("offline");
        assertThat(r.events()).extracting(MemoryEvent::text).singleElement().asString().contains("shellfish");
        assertThat(memory.search("food allergy", Scope.user("fallback-user"))).isNotEmpty();
    }

    @Test
    void anOfflineOnlyAddNeverCallsTheModel() {
        Scope u = Scope.user("offline-only-user");
        memory.add("I live in Paris.", u);
        int callsBefore = llm.requestCount();

        AddResult r = memory.add(AddRequest.of(u, "We moved to Berlin last month, and I am allergic to shellfish.").withOfflineOnly(true));

        assertThat(r.extractor()).isEqualTo("offline");
        assertThat(r.usage().calls()).isZero();
        assertThat(llm.requestCount()).isEqualTo(callsBefore);
        assertThat(memory.getAll(u)).extracting(MemoryRecord::text).anySatisfy(t -> assertThat(t).contains("shellfish"));
    }

    @Test
    void eachProjectsAddsGoToTheModelOfItsProfile() {
        try (ScriptedChatServer openAi = ScriptedChatServer.start(LlmProvider.OPENAI);
             ScriptedChatServer anthropic = ScriptedChatServer.start(LlmProvider.ANTHROPIC);
             Memory profiled = Memory.builder().inMemory()
                     .chatModel(ChatModels.create(LlmSettings.openAi(llm.baseUrl(), "default-key", "default-model")))
                     .chatModel("fast", ChatModels.create(openAi.settings("fast-key", "fast-model")))
                     .chatModel("claude", ChatModels.create(anthropic.settings("claude-key", "claude-model")))
                     .build()) {
            openAi.reply("{\"facts\":[\"Drinks green tea\"]}", 40, 6);
            anthropic.reply("{\"facts\":[\"Plays the cello\"]}", 50, 7);
            Scope a = new Scope(Tenant.of("acme", "support"), "ann", null, null, null);
            Scope b = new Scope(Tenant.of("acme", "research"), "ben", null, null, null);

            AddResult first = profiled.add(AddRequest.of(a, "I drink green tea every morning.").withLlmProfile("fast"));
            AddResult second = profiled.add(AddRequest.of(b, "I play the cello on weekends.").withLlmProfile("claude"));

            assertThat(first.extractor()).isEqualTo("llm");
            assertThat(first.events()).extracting(MemoryEvent::text).containsExactly("Drinks green tea");
            assertThat(second.events()).extracting(MemoryEvent::text).containsExactly("Plays the cello");
            assertThat(openAi.requestCount()).isEqualTo(1);
            assertThat(openAi.exchanges().getFirst().body().path("model").asText()).isEqualTo("fast-model");
            assertThat(openAi.promptOf(0)).contains("green tea").doesNotContain("cello");
            assertThat(anthropic.requestCount()).isEqualTo(1);
            assertThat(anthropic.exchanges().getFirst().path()).isEqualTo("/v1/messages");
            assertThat(anthropic.exchanges().getFirst().headers().get("x-api-key")).isEqualTo("claude-key");
            assertThat(anthropic.promptOf(0)).contains("cello").doesNotContain("green tea");
            assertThat(llm.requestCount()).isZero(); // the default model extracted neither
        }
    }

    @Test
    void aProfileThatIsNotConfiguredFallsBackToTheDefaultModel() {
        llm.reply("{\"facts\":[\"Likes jazz\"]}", 30, 5);

        AddResult r = memory.add(AddRequest.of(Scope.user("removed-profile-user"), "I like jazz.").withLlmProfile("removed"));

        assertThat(r.extractor()).isEqualTo("llm");
        assertThat(r.events()).extracting(MemoryEvent::text).containsExactly("Likes jazz");
        assertThat(llm.requestCount()).isEqualTo(1);
    }

    @Test
    void anOfflineOnlyAddOfAProfileNeverCallsItsModel() {
        try (ScriptedChatServer anthropic = ScriptedChatServer.start(LlmProvider.ANTHROPIC);
             Memory profiled = Memory.builder().inMemory().chatModel("claude", ChatModels.create(anthropic.settings("k", "m"))).build()) {
            AddResult r = profiled.add(AddRequest.of(Scope.user("u"), "I am allergic to shellfish.").withLlmProfile("claude").withOfflineOnly(true));

            assertThat(r.extractor()).isEqualTo("offline");
            assertThat(anthropic.requestCount()).isZero();
        }
    }
}
