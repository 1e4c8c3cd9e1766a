package dev.engram.springai;

import com.fasterxml.jackson.databind.JsonNode;
import dev.engram.client.EngramClient;
import dev.engram.client.RetryPolicy;
import dev.engram.client.model.AddResult;
import dev.engram.client.model.Memory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.ai.chat.client.ChatClient;
import org.springframework.ai.chat.client.ChatClientResponse;

import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The advisor against a scripted chat model and a loopback stand-in for Engram's search and add routes. */
class EngramMemoryAdvisorTest {

    private static final String SEED = "我是一名前端开发工程师，喜欢用 React 和 TypeScript";

    private FakeEngram engram;
    private ScriptedChatModel model;

    @BeforeEach
    void start() throws IOException {
        engram = new FakeEngram();
        model = new ScriptedChatModel("Try Next.js next.");
    }

    @AfterEach
    void stop() {
        engram.close();
    }

    private ChatClient chat(EngramMemoryAdvisor advisor) {
        return ChatClient.builder(model).defaultAdvisors(advisor).build();
    }

    @Test
    void searchesTheUsersMemoriesAndPutsThemIntoTheSystemMessage() {
        engram.hits("Is a front-end developer", "Likes React and TypeScript");
        ChatClient chat = chat(EngramMemoryAdvisor.builder(engram.client()).topK(3).threshold(0.4).build());

        ChatClientResponse response = chat.prompt().system("You are a career coach.").user("What should I learn next?")
                .advisors(a -> a.param(EngramMemoryAdvisor.USER_ID, "alice"))
                .call().chatClientResponse();

        JsonNode search = engram.calls("/v3/memories/search/").get(0).body();
        assertThat(search.get("query").asText()).isEqualTo("What should I learn next?");
        assertThat(search.get("filters").toString()).isEqualTo("{\"user_id\":\"alice\"}");
        assertThat(search.get("top_k").asInt()).isEqualTo(3);
        assertThat(search.get("threshold").asDouble()).isEqualTo(0.4);

        String system = model.lastSystemText();
        assertThat(system).startsWith("You are a career coach.")
                .contains("- Is a front-end developer\n- Likes React and TypeScript");
        assertThat(model.prompts.get(0).getUserMessage().getText()).isEqualTo("What should I learn next?");
        @SuppressWarnings("unchecked")
        List<Memory> retrieved = (List<Memory>) response.context().get(EngramMemoryAdvisor.RETRIEVED_MEMORIES);
        assertThat(retrieved).extracting(Memory::memory).containsExactly("Is a front-end developer", "Likes React and TypeScript");
    }

    @Test
    void storesTheExchangeAfterTheAnswer() throws Exception {
        ChatClient chat = chat(EngramMemoryAdvisor.builder(engram.client()).userId("alice").agentId("coach")
                .metadata(Map.of("source", "test")).build());

        ChatClientResponse response = chat.prompt().user(SEED).call().chatClientResponse();

        AddResult added = stored(response).get(10, TimeUnit.SECONDS);
        assertThat(added.pending()).isTrue();
        assertThat(added.eventId()).isEqualTo("evt-1");
        JsonNode add = engram.calls("/v3/memories/add/").get(0).body();
        assertThat(add.get("user_id").asText()).isEqualTo("alice");
        assertThat(add.get("agent_id").asText()).isEqualTo("coach");
        assertThat(add.get("messages").toString())
                .isEqualTo("[{\"role\":\"user\",\"content\":\"" + SEED + "\"},{\"role\":\"assistant\",\"content\":\"Try Next.js next.\"}]");
        assertThat(add.get("metadata").toString()).isEqualTo("{\"source\":\"test\"}");
        assertThat(add.has("infer")).isFalse();
    }

    @Test
    void withoutHitsThePromptIsLeftAsItIs() {
        ChatClient chat = chat(EngramMemoryAdvisor.builder(engram.client()).userId("alice").build());

        chat.prompt().user("Hello").call().content();

        assertThat(model.prompts.get(0).getSystemMessages()).isEmpty();
        assertThat(model.prompts.get(0).getInstructions()).hasSize(1);
    }

    @Test
    void theCallsParamsOverrideTheBuildersScope() {
        ChatClient chat = chat(EngramMemoryAdvisor.builder(engram.client()).userId("default-user").build());

        chat.prompt().user("Hello").advisors(a -> a.param(EngramMemoryAdvisor.USER_ID, "bob").param(EngramMemoryAdvisor.RUN_ID, "s1"))
                .call().content();

        assertThat(engram.calls("/v3/memories/search/").get(0).body().get("filters").toString())
                .isEqualTo("{\"AND\":[{\"user_id\":\"bob\"},{\"run_id\":\"s1\"}]}");
    }

    @Test
    void aCallWithoutAnyScopeIsRefused() {
        ChatClient chat = chat(EngramMemoryAdvisor.builder(engram.client()).build());

        assertThatThrownBy(() -> chat.prompt().user("Hello").call().content())
                .hasStackTraceContaining("EngramMemoryAdvisor needs a scope");
        assertThat(model.prompts).isEmpty();
        assertThat(engram.calls).isEmpty();
    }

    @Test
    void theMemoryLinesStayWithinTheTokenBudgetBestFirst() {
        engram.hits("first memory", "second memory", "third memory");
        // Each line costs its length in this estimator: "- first memory\n" is 15, "- second memory\n" 16.
        ChatClient chat = chat(EngramMemoryAdvisor.builder(engram.client()).userId("alice").maxMemoryTokens(31)
                .tokenCountEstimator(new LengthEstimator()).build());

        chat.prompt().user("Hello").call().content();

        assertThat(model.lastSystemText()).contains("- first memory\n- second memory").doesNotContain("third");
    }

    @Test
    void aCustomTemplateShapesTheSystemText() {
        engram.hits("Likes React");
        ChatClient chat = chat(EngramMemoryAdvisor.builder(engram.client()).userId("alice")
                .systemTemplate("{instructions}\nKNOWN ABOUT THE USER:\n{memories}").build());

        chat.prompt().system("Be brief.").user("Hello").call().content();

        assertThat(model.lastSystemText()).isEqualTo("Be brief.\nKNOWN ABOUT THE USER:\n- Likes React");
    }

    @Test
    void engramDownDoesNotFailTheChat() throws Exception {
        EngramClient unreachable = EngramClient.builder("http://127.0.0.1:" + closedPort()).apiKey("k").retryPolicy(RetryPolicy.none())
                .build();
        ChatClient chat = chat(EngramMemoryAdvisor.builder(unreachable).userId("alice").build());

        ChatClientResponse response = chat.prompt().user("Hello").call().chatClientResponse();

        assertThat(response.chatResponse().getResult().getOutput().getText()).isEqualTo("Try Next.js next.");
        assertThat(model.prompts.get(0).getSystemMessages()).isEmpty();
        assertThatThrownBy(() -> stored(response).get(10, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class);
    }

    @Test
    void failOnErrorFailsTheCallWhenTheSearchFails() throws IOException {
        EngramClient unreachable = EngramClient.builder("http://127.0.0.1:" + closedPort()).apiKey("k").retryPolicy(RetryPolicy.none())
                .build();
        ChatClient chat = chat(EngramMemoryAdvisor.builder(unreachable).userId("alice").failOnError(true).build());

        assertThatThrownBy(() -> chat.prompt().user("Hello").call().content()).isNotNull();
        assertThat(model.prompts).isEmpty();
    }

    @Test
    void aSlowSearchIsAbandonedAfterTheTimeout() {
        engram.hits("Likes React");
        engram.searchDelay = Duration.ofSeconds(3);
        ChatClient chat = chat(EngramMemoryAdvisor.builder(engram.client()).userId("alice").searchTimeout(Duration.ofMillis(300)).build());

        long start = System.nanoTime();
        String answer = chat.prompt().user("Hello").call().content();

        assertThat(answer).isEqualTo("Try Next.js next.");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
        assertThat(model.prompts.get(0).getSystemMessages()).isEmpty();
    }

    @Test
    void storeOffSendsNoAdd() throws Exception {
        ChatClient chat = chat(EngramMemoryAdvisor.builder(engram.client()).userId("alice").store(false).infer(false).build());

        ChatClientResponse response = chat.prompt().user("Hello").call().chatClientResponse();

        assertThat(stored(response).get(1, TimeUnit.SECONDS)).isNull();
        assertThat(engram.calls("/v3/memories/add/")).isEmpty();
    }

    @Test
    void inferOffStoresVerbatim() throws Exception {
        ChatClient chat = chat(EngramMemoryAdvisor.builder(engram.client()).userId("alice").infer(false).build());

        stored(chat.prompt().user("Hello").call().chatClientResponse()).get(10, TimeUnit.SECONDS);

        assertThat(engram.calls("/v3/memories/add/").get(0).body().get("infer").asBoolean()).isFalse();
    }

    @Test
    void aStreamGetsTheMemoriesAndStoresTheWholeAnswerOnce() throws Exception {
        engram.hits("Likes React");
        model = new ScriptedChatModel("Try Next.js and Remix next.");
        ChatClient chat = chat(EngramMemoryAdvisor.builder(engram.client()).userId("alice").build());

        List<ChatClientResponse> chunks = chat.prompt().user("What next?").stream().chatClientResponse().collectList()
                .block(Duration.ofSeconds(30));

        assertThat(chunks).hasSizeGreaterThan(1);
        assertThat(chunks.stream().map(c -> c.chatResponse().getResult().getOutput().getText()).collect(Collectors.joining()))
                .isEqualTo("Try Next.js and Remix next.");
        assertThat(model.lastSystemText()).contains("- Likes React");
        stored(chunks.get(chunks.size() - 1)).get(10, TimeUnit.SECONDS);
        List<FakeEngram.Call> adds = engram.calls("/v3/memories/add/");
        assertThat(adds).hasSize(1);
        assertThat(adds.get(0).body().get("messages").get(1).get("content").asText()).isEqualTo("Try Next.js and Remix next.");
    }

    @SuppressWarnings("unchecked")
    private static CompletableFuture<AddResult> stored(ChatClientResponse response) {
        Object future = response.context().get(EngramMemoryAdvisor.STORED);
        assertThat(future).as("the STORED future in the response context").isInstanceOf(CompletableFuture.class);
        return (CompletableFuture<AddResult>) future;
    }

    private static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /** Counts a text's characters as its tokens, so the budget test's arithmetic is exact. */
    private static final class LengthEstimator implements org.springframework.ai.tokenizer.TokenCountEstimator {
        @Override
        public int estimate(String text) {
            return text.length();
        }

        @Override
        public int estimate(org.springframework.ai.content.MediaContent content) {
            return estimate(content.getText());
        }

        @Override
        public int estimate(Iterable<org.springframework.ai.content.MediaContent> contents) {
            int total = 0;
            for (org.springframework.ai.content.MediaContent c : contents) total += estimate(c);
            return total;
        }
    }
}
