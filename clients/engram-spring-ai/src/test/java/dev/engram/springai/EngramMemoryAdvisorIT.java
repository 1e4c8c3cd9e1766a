package dev.engram.springai;

import dev.engram.client.EngramClient;
import dev.engram.client.model.AddRequest;
import dev.engram.client.model.AddResult;
import dev.engram.client.model.Event;
import dev.engram.client.model.Memory;
import dev.engram.client.model.Scope;
import dev.engram.testing.standalone.StandaloneServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.ai.chat.client.ChatClient;
import org.springframework.ai.chat.client.ChatClientResponse;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The advisor against the real gateway process (its packaged jar, on a fresh data directory): a ChatClient on a scripted
 * chat model gets a user's memories into its prompt, stores the exchange, and never sees another user's memories. Fails
 * (does not skip) when the gateway jar is missing.
 */
class EngramMemoryAdvisorIT {

    private static final String SEED = "我是一名前端开发工程师，喜欢用 React 和 TypeScript";
    private static final String OTHER_SEED = "我是一名嵌入式工程师，只写 C 语言，从不做前端开发";
    private static final Duration WAIT = Duration.ofSeconds(120);

    @TempDir
    static Path temp;

    private static StandaloneServer server;
    private static EngramClient engram;

    @BeforeAll
    static void startGateway() throws Exception {
        server = StandaloneServer.startGateway(temp.resolve("gateway"), null);
        engram = EngramClient.builder(server.url()).apiKey(server.generatedAdminKey()).build();
    }

    @AfterAll
    static void stopGateway() {
        if (server != null) server.close();
    }

    @Test
    void theModelSeesTheUsersMemoriesAndTheExchangeIsStored() throws Exception {
        seed("developer_001", SEED);
        seed("developer_002", OTHER_SEED);
        ScriptedChatModel model = new ScriptedChatModel("可以试试 Next.js 和 Vite。");
        ChatClient chat = ChatClient.builder(model).defaultAdvisors(EngramMemoryAdvisor.builder(engram).build()).build();

        ChatClientResponse response = chat.prompt().user("我最近开始学 Rust 了。做前端开发，接下来还应该学什么？")
                .advisors(a -> a.param(EngramMemoryAdvisor.USER_ID, "developer_001"))
                .call().chatClientResponse();

        // The prompt the model got carries the user's own memory, and nothing of the other user's.
        String system = model.lastSystemText();
        assertThat(system).as("the system text the model received").contains("React").contains("TypeScript");
        assertThat(system).doesNotContain("嵌入式").doesNotContain("C 语言");
        @SuppressWarnings("unchecked")
        List<Memory> given = (List<Memory>) response.context().get(EngramMemoryAdvisor.RETRIEVED_MEMORIES);
        assertThat(given).isNotEmpty().allSatisfy(m -> assertThat(m.userId()).isEqualTo("developer_001"));

        // The exchange was added for the same user; once its event is done, what the user said is searchable.
        AddResult added = stored(response).get(30, TimeUnit.SECONDS);
        assertThat(added.pending()).as("an inferred add is queued").isTrue();
        Event event = engram.awaitEvent(added.eventId(), WAIT);
        assertThat(event.succeeded()).as("event %s: %s", event.status(), event.error()).isTrue();
        assertThat(engram.search("Rust", Scope.user("developer_001")).results()).extracting(Memory::memory)
                .anySatisfy(text -> assertThat(text).contains("Rust"));
        assertThat(engram.search("Rust", Scope.user("developer_002")).results()).extracting(Memory::memory)
                .noneSatisfy(text -> assertThat(text).contains("Rust"));
    }

    @Test
    void anotherUsersPromptNeverCarriesTheseMemories() {
        seed("frontend_a", SEED);
        seed("frontend_b", OTHER_SEED);
        ScriptedChatModel model = new ScriptedChatModel("好的。");
        ChatClient chat = ChatClient.builder(model)
                .defaultAdvisors(EngramMemoryAdvisor.builder(engram).userId("frontend_b").store(false).build()).build();

        chat.prompt().user("前端开发用什么框架好？").call().content();

        assertThat(model.lastSystemText()).as("frontend_b's own memory is given").contains("嵌入式")
                .doesNotContain("React").doesNotContain("TypeScript");
    }

    @Test
    void aStreamedAnswerGetsTheMemoriesAndIsStoredWhole() throws Exception {
        seed("streamer", SEED);
        ScriptedChatModel model = new ScriptedChatModel("我最近在读 Vue 的源码，也可以看看 Svelte。");
        ChatClient chat = ChatClient.builder(model).defaultAdvisors(EngramMemoryAdvisor.builder(engram).userId("streamer").build()).build();

        List<ChatClientResponse> chunks = chat.prompt().user("前端开发还有什么值得看的？").stream().chatClientResponse().collectList()
                .block(WAIT);

        assertThat(model.lastSystemText()).contains("React").contains("TypeScript");
        AddResult added = stored(chunks.get(chunks.size() - 1)).get(30, TimeUnit.SECONDS);
        Event event = engram.awaitEvent(added.eventId(), WAIT);
        assertThat(event.succeeded()).as("event %s: %s", event.status(), event.error()).isTrue();
    }

    /**
     * Stores a user's statement verbatim ({@code infer:false}), so the memory the test looks for in the prompt is exactly
     * the seed. (Inferred, the seed becomes two facts, "用户是一名前端开发工程师" and "用户喜欢用 React 和 TypeScript",
     * and the search for a 前端开发 question returns the first only.)
     */
    private static void seed(String userId, String text) {
        engram.addAndWait(AddRequest.builder(Scope.user(userId)).text(text).infer(false).build(), WAIT);
    }

    @SuppressWarnings("unchecked")
    private static CompletableFuture<AddResult> stored(ChatClientResponse response) {
        return (CompletableFuture<AddResult>) response.context().get(EngramMemoryAdvisor.STORED);
    }
}
