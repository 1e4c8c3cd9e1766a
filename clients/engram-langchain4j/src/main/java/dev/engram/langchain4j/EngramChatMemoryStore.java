package dev.engram.langchain4j;

import dev.engram.client.EngramClient;
import dev.engram.client.model.AddRequest;
import dev.engram.client.model.Message;
import dev.engram.client.model.Scope;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.store.memory.chat.ChatMemoryStore;
import dev.langchain4j.store.memory.chat.InMemoryChatMemoryStore;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * A {@link ChatMemoryStore} that also adds every finished user/AI exchange to Engram, so what a user says in one
 * conversation becomes long-term memory that {@link EngramContentRetriever} recalls in the next.
 *
 * <p>Why a store: a LangChain4j {@link dev.langchain4j.memory.ChatMemory} (e.g. {@code MessageWindowChatMemory}) writes
 * the conversation's messages to its store after the user's message and again after the AI's answer; that is the one
 * place that sees both sides of every turn, for every AI service and chain, without wrapping the model. The short-term
 * window itself is kept by a delegate store (default {@link InMemoryChatMemoryStore}; use a persistent one as usual),
 * so the chat memory behaves exactly as it would without Engram. Each exchange is sent once, as
 * {@code [user, assistant]} messages to {@code POST /v3/memories/add/} for the scope of the chat memory id, and Engram
 * extracts the facts in the background.
 *
 * <p>Use it with {@code AiServices.builder(…).storeRetrievedContentInChatMemory(false)} when a retriever is set too:
 * otherwise the chat memory holds the user message with the retrieved memories appended, and they would be added again.
 *
 * <pre>{@code
 * EngramChatMemoryStore store = EngramChatMemoryStore.builder(engram).scope(id -> Scope.user(id.toString())).build();
 * AiServices.builder(Assistant.class).chatModel(model)
 *         .chatMemoryProvider(id -> MessageWindowChatMemory.builder().id(id).maxMessages(20).chatMemoryStore(store).build())
 *         .contentRetriever(retriever).storeRetrievedContentInChatMemory(false).build();
 * }</pre>
 *
 * By default the add is asynchronous: the chat does not wait for Engram, and a failed add (after the client's retries)
 * goes to {@link Builder#onError(Consumer)} (default: logged as a warning). {@link Builder#blocking(boolean)} makes the
 * store wait for the server's acknowledgement and throw its error instead.
 */
public final class EngramChatMemoryStore implements ChatMemoryStore {

    private static final System.Logger LOG = System.getLogger(EngramChatMemoryStore.class.getName());

    private final EngramClient client;
    private final ChatMemoryStore delegate;
    private final Function<Object, Scope> scope;
    private final Map<String, Object> metadata;
    private final boolean blocking;
    private final Consumer<Throwable> onError;
    private final ExchangeTracker exchanges = new ExchangeTracker();

    private EngramChatMemoryStore(Builder builder) {
        this.client = Objects.requireNonNull(builder.client, "client");
        this.delegate = builder.delegate;
        this.scope = Objects.requireNonNull(builder.scope, "scope: call scope(Function<Object, Scope>)");
        this.metadata = builder.metadata;
        this.blocking = builder.blocking;
        this.onError = builder.onError;
    }

    public static Builder builder(EngramClient client) {
        return new Builder(client);
    }

    @Override
    public List<ChatMessage> getMessages(Object memoryId) {
        return delegate.getMessages(memoryId);
    }

    @Override
    public void updateMessages(Object memoryId, List<ChatMessage> messages) {
        delegate.updateMessages(memoryId, messages);
        exchanges.update(memoryId, messages).ifPresent(exchange -> record(memoryId, exchange));
    }

    /** Clears the short-term window only; the long-term memories stay in Engram (delete them with the client). */
    @Override
    public void deleteMessages(Object memoryId) {
        exchanges.forget(memoryId);
        delegate.deleteMessages(memoryId);
    }

    private void record(Object memoryId, ExchangeTracker.Exchange exchange) {
        AddRequest.Builder add = AddRequest.builder(scope.apply(memoryId))
                .message(Message.user(exchange.user())).message(Message.assistant(exchange.assistant()));
        if (!metadata.isEmpty()) add.metadata(metadata);
        if (blocking) {
            client.add(add.build());
            return;
        }
        CompletableFuture<?> sent = client.addAsync(add.build());
        sent.whenComplete((ok, error) -> {
            if (error != null) onError.accept(error instanceof java.util.concurrent.CompletionException && error.getCause() != null
                    ? error.getCause() : error);
        });
    }

    public static final class Builder {
        private final EngramClient client;
        private ChatMemoryStore delegate = new InMemoryChatMemoryStore();
        private Function<Object, Scope> scope;
        private Map<String, Object> metadata = Map.of("source", "langchain4j");
        private boolean blocking;
        private Consumer<Throwable> onError = e -> LOG.log(System.Logger.Level.WARNING, "adding a conversation turn to Engram failed", e);

        private Builder(EngramClient client) {
            this.client = client;
        }

        /** The store of the short-term window (default: in memory). */
        public Builder delegate(ChatMemoryStore store) {
            this.delegate = Objects.requireNonNull(store);
            return this;
        }

        /** The Engram scope of a chat memory id, e.g. {@code id -> Scope.user(id.toString())}. */
        public Builder scope(Function<Object, Scope> resolver) {
            this.scope = Objects.requireNonNull(resolver);
            return this;
        }

        /** Metadata stored with every memory extracted from an exchange (default {@code {"source": "langchain4j"}}). */
        public Builder metadata(Map<String, Object> value) {
            this.metadata = Map.copyOf(value);
            return this;
        }

        /** Wait for Engram's acknowledgement of each add and throw its error (default false: fire and report). */
        public Builder blocking(boolean value) {
            this.blocking = value;
            return this;
        }

        /** Where failures of asynchronous adds go (default: a warning through {@link System.Logger}). */
        public Builder onError(Consumer<Throwable> handler) {
            this.onError = Objects.requireNonNull(handler);
            return this;
        }

        public EngramChatMemoryStore build() {
            return new EngramChatMemoryStore(this);
        }
    }
}
