package dev.engram.langchain4j;

import dev.engram.client.EngramClient;
import dev.engram.client.model.AddRequest;
import dev.engram.client.model.Memory;
import dev.engram.client.model.Message;
import dev.engram.client.model.Scope;
import dev.engram.testing.standalone.StandaloneServer;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.memory.chat.MessageWindowChatMemory;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.rag.content.Content;
import dev.langchain4j.rag.content.ContentMetadata;
import dev.langchain4j.rag.query.Query;
import dev.langchain4j.service.AiServices;
import dev.langchain4j.service.MemoryId;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A LangChain4j AI service with Engram as its long-term memory, against the real gateway process (failsafe; fails when
 * {@code api-gateway/target/quarkus-app/quarkus-run.jar} is missing). The chat model is scripted: it records every
 * prompt and answers from what the prompt contains, so the test sees exactly what the retriever put in.
 */
class EngramLangChain4jIT {

    private static final String ADMIN_KEY = "engram-admin-" + UUID.randomUUID().toString().replace("-", "");
    private static final Duration EVENT_TIMEOUT = Duration.ofSeconds(60);

    @TempDir
    static Path temp;

    private static StandaloneServer server;
    private static EngramClient engram;

    interface Assistant {
        String chat(@MemoryId String userId, @dev.langchain4j.service.UserMessage String message);
    }

    /** Answers with the React preference when the prompt carries it, "Noted." otherwise; keeps every request. */
    static final class ScriptedChatModel implements ChatModel {
        final List<ChatRequest> requests = new CopyOnWriteArrayList<>();

        @Override
        public ChatResponse doChat(ChatRequest request) {
            requests.add(request);
            String prompt = lastUserText(request.messages());
            String answer = prompt.contains("React") ? "你可以用 React 和 TypeScript 做前端开发。" : "Noted.";
            return ChatResponse.builder().aiMessage(AiMessage.from(answer)).build();
        }

        String lastPrompt() {
            return lastUserText(requests.get(requests.size() - 1).messages());
        }

        private static String lastUserText(List<ChatMessage> messages) {
            return UserMessage.findLast(messages).map(UserMessage::singleText).orElse("");
        }
    }

    @BeforeAll
    static void startGateway() throws Exception {
        server = StandaloneServer.startGateway(temp.resolve("gateway"), ADMIN_KEY);
        engram = EngramClient.builder(server.url()).apiKey(ADMIN_KEY).build();
    }

    @AfterAll
    static void stopGateway() {
        if (server != null) server.close();
    }

    private static Assistant assistant(ChatModel model, EngramChatMemoryStore store) {
        EngramContentRetriever retriever = EngramContentRetriever.builder(engram)
                .scope(query -> Scope.user(query.metadata().chatMemoryId().toString())).topK(3).build();
        return AiServices.builder(Assistant.class)
                .chatModel(model)
                .contentRetriever(retriever)
                .storeRetrievedContentInChatMemory(false)
                .chatMemoryProvider(id -> MessageWindowChatMemory.builder().id(id).maxMessages(10).chatMemoryStore(store).build())
                .build();
    }

    private static String unique(String name) {
        return name + "_" + UUID.randomUUID().toString().substring(0, 8);
    }

    @Test
    void theRetrieverPutsTheStoredMemoryIntoThePrompt() {
        String user = unique("developer");
        engram.addAndWait(AddRequest.of(Scope.user(user), Message.user("用户偏好使用React和TypeScript开发")), EVENT_TIMEOUT);
        engram.addAndWait(AddRequest.of(Scope.user(user), Message.user("周末喜欢去郊外徒步")), EVENT_TIMEOUT);
        // On its own: the best memory for the query, as Content with Engram's id and score.
        List<Content> contents = EngramContentRetriever.builder(engram).scope(Scope.user(user)).topK(1).build().retrieve(Query.from("前端开发"));
        assertThat(contents).singleElement().satisfies(c -> {
            assertThat(c.textSegment().text()).contains("React");
            assertThat((Double) c.metadata().get(ContentMetadata.SCORE)).isBetween(0.0, 1.0);
            assertThat(c.metadata().get(ContentMetadata.EMBEDDING_ID)).isEqualTo(c.textSegment().metadata().getString("memory_id"));
            assertThat(engram.get((String) c.metadata().get(ContentMetadata.EMBEDDING_ID)).memory()).isEqualTo(c.textSegment().text());
        });

        // In an AI service: the model's prompt carries it. (The exchange is then stored too, which the next test checks.)
        ScriptedChatModel model = new ScriptedChatModel();
        String answer = assistant(model, EngramChatMemoryStore.builder(engram).scope(id -> Scope.user(id.toString())).build())
                .chat(user, "前端开发");

        assertThat(model.lastPrompt()).startsWith("前端开发").contains("React").contains("TypeScript");
        assertThat(answer).contains("React");
    }

    @Test
    void theExchangeIsStoredAndRecalledInTheNextConversation() throws Exception {
        String user = unique("diner");
        ScriptedChatModel model = new ScriptedChatModel();
        List<Throwable> failures = new CopyOnWriteArrayList<>();
        EngramChatMemoryStore store = EngramChatMemoryStore.builder(engram).scope(id -> Scope.user(id.toString()))
                .onError(failures::add).build();
        Assistant assistant = assistant(model, store);

        assistant.chat(user, "I am allergic to peanuts");
        assertThat(model.lastPrompt()).isEqualTo("I am allergic to peanuts"); // a new user: nothing recalled

        // The add is queued by the server: wait until the extracted fact is searchable.
        List<Memory> found = List.of();
        long deadline = System.nanoTime() + EVENT_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline && found.stream().noneMatch(m -> m.memory().contains("peanut"))) {
            Thread.sleep(250);
            found = engram.search("peanut allergy", Scope.user(user)).results();
        }
        assertThat(failures).isEmpty();
        assertThat(found).anySatisfy(m -> {
            assertThat(m.memory()).contains("peanut");
            assertThat(m.metadata()).containsEntry("source", "langchain4j");
        });

        // A fresh conversation (a new chat memory) still knows it: the retriever recalls it from Engram.
        store.deleteMessages(user);
        assistant.chat(user, "What food should I avoid because of my allergy?");
        assertThat(model.lastPrompt()).contains("peanut");
        assertThat(engram.search("peanut", Scope.user(unique("someone_else"))).results()).isEmpty();
    }
}
