package dev.engram.langchain4j;

import dev.engram.client.EngramClient;
import dev.engram.client.RetryPolicy;
import dev.engram.client.error.ConnectionException;
import dev.engram.client.model.Scope;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.UserMessage;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The store's behaviour when Engram cannot be reached: the short-term window works as without Engram, an asynchronous add
 * reports its failure to onError without failing the chat, a blocking one throws. (Adds that succeed: EngramLangChain4jIT.)
 */
class EngramChatMemoryStoreTest {

    private EngramClient unreachable;

    @BeforeEach
    void client() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket()) {
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            closedPort = socket.getLocalPort();
        }
        unreachable = EngramClient.builder("http://127.0.0.1:" + closedPort).apiKey("k").retryPolicy(RetryPolicy.none()).build();
    }

    @Test
    void anAsynchronousAddReportsItsFailureAndTheWindowKeepsWorking() throws Exception {
        CompletableFuture<Throwable> reported = new CompletableFuture<>();
        EngramChatMemoryStore store = EngramChatMemoryStore.builder(unreachable).scope(id -> Scope.user(id.toString()))
                .onError(reported::complete).build();
        List<ChatMessage> turn = List.of(UserMessage.from("I like tea"), AiMessage.from("Noted."));

        store.updateMessages("u1", turn.subList(0, 1));
        store.updateMessages("u1", turn);

        assertThat(reported.get(10, TimeUnit.SECONDS)).isInstanceOf(ConnectionException.class);
        assertThat(store.getMessages("u1")).isEqualTo(turn);
        store.deleteMessages("u1");
        assertThat(store.getMessages("u1")).isEmpty();
    }

    @Test
    void aBlockingAddThrows() {
        EngramChatMemoryStore store = EngramChatMemoryStore.builder(unreachable).scope(id -> Scope.user(id.toString())).blocking(true).build();
        store.updateMessages("u1", List.of(UserMessage.from("I like tea")));
        assertThatThrownBy(() -> store.updateMessages("u1", List.of(UserMessage.from("I like tea"), AiMessage.from("Noted."))))
                .isInstanceOf(ConnectionException.class);
    }

    @Test
    void nothingIsSentBeforeAnExchangeIsComplete() {
        EngramChatMemoryStore store = EngramChatMemoryStore.builder(unreachable).scope(id -> Scope.user(id.toString())).blocking(true).build();
        store.updateMessages("u1", List.of(UserMessage.from("hello")));           // open: nothing to send yet
        store.updateMessages("u2", List.of(AiMessage.from("Welcome!")));          // an answer to nothing: not sent
        assertThat(store.getMessages("u1")).hasSize(1);
    }
}
