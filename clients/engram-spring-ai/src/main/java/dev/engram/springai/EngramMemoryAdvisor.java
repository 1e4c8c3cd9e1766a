package dev.engram.springai;

import dev.engram.client.EngramClient;
import dev.engram.client.model.AddRequest;
import dev.engram.client.model.AddResult;
import dev.engram.client.model.Memory;
import dev.engram.client.model.Message;
import dev.engram.client.model.Scope;
import dev.engram.client.model.SearchRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.ai.chat.client.ChatClientMessageAggregator;
import org.springframework.ai.chat.client.ChatClientRequest;
import org.springframework.ai.chat.client.ChatClientResponse;
import org.springframework.ai.chat.client.advisor.api.Advisor;
import org.springframework.ai.chat.client.advisor.api.AdvisorChain;
import org.springframework.ai.chat.client.advisor.api.BaseAdvisor;
import org.springframework.ai.chat.client.advisor.api.StreamAdvisorChain;
import org.springframework.ai.chat.messages.AssistantMessage;
import org.springframework.ai.chat.messages.SystemMessage;
import org.springframework.ai.chat.model.ChatResponse;
import org.springframework.ai.chat.model.Generation;
import org.springframework.ai.chat.prompt.PromptTemplate;
import org.springframework.ai.tokenizer.JTokkitTokenCountEstimator;
import org.springframework.ai.tokenizer.TokenCountEstimator;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A Spring AI advisor (call and stream) that gives the model what Engram remembers about the user and stores each
 * exchange back into Engram.
 * <ol>
 *   <li>Before the model is called: searches the scope's memories for the last user message
 *       ({@code POST /v3/memories/search/} with {@code top_k}, {@code threshold}) and adds the hits that fit in
 *       {@code maxMemoryTokens} to the system message through the {@linkplain Builder#systemPromptTemplate template}
 *       ({@code {instructions}}: the system text so far, {@code {memories}}: one {@code - memory} line each). No hit, no
 *       change.</li>
 *   <li>After the answer: adds the user message and the assistant's answer ({@code POST /v3/memories/add/},
 *       asynchronously: the chat never waits for it). Engram extracts the facts ({@code infer}, the default).</li>
 * </ol>
 * The scope comes from the call's advisor params ({@link #USER_ID}, {@link #AGENT_ID}, {@link #RUN_ID}, {@link #APP_ID}),
 * else from the builder's defaults; a call whose scope has no id at all is refused.
 * <p>
 * Engram being slow or down never fails the chat by default: a search that fails or exceeds {@code searchTimeout} is
 * logged and the model is called without memories; a failed add is logged. {@code failOnError(true)} makes a failed
 * search fail the call instead. Each response's context carries the memories given to the model
 * ({@link #RETRIEVED_MEMORIES}) and the add's future ({@link #STORED}).
 *
 * <pre>{@code
 * ChatClient chat = ChatClient.builder(chatModel)
 *         .defaultAdvisors(EngramMemoryAdvisor.builder(engram).build())
 *         .build();
 * chat.prompt().user("What should I learn next?")
 *         .advisors(a -> a.param(EngramMemoryAdvisor.USER_ID, "developer_001"))
 *         .call().content();
 * }</pre>
 */
public final class EngramMemoryAdvisor implements BaseAdvisor {

    /** Advisor param: the user whose memories are searched and to whom the exchange is added. */
    public static final String USER_ID = "engram_user_id";
    /** Advisor param: the agent id of the scope (optional). */
    public static final String AGENT_ID = "engram_agent_id";
    /** Advisor param: the run (session) id of the scope (optional). */
    public static final String RUN_ID = "engram_run_id";
    /** Advisor param: the app id of the scope (optional). */
    public static final String APP_ID = "engram_app_id";
    /** Context key: the {@code List<Memory>} put into the prompt (empty when none was). */
    public static final String RETRIEVED_MEMORIES = "engram_memories";
    /**
     * Context key: a {@code CompletableFuture<AddResult>} of the exchange's add. It completes with the add's answer (an
     * inferred add is queued: wait with {@code EngramClient.awaitEvent(result.eventId(), …)}), with null when nothing was
     * stored (storing off, no user text or no answer), or exceptionally when the add failed.
     */
    public static final String STORED = "engram_stored";

    /** The default system text: the instructions so far, then the memories. */
    public static final String DEFAULT_SYSTEM_TEMPLATE = """
            {instructions}

            Below is what you remember from earlier conversations with this user. Use it when it helps to answer;
            do not mention it otherwise.
            ---------------------
            MEMORIES:
            {memories}
            ---------------------
            """;

    private static final Logger LOG = LoggerFactory.getLogger(EngramMemoryAdvisor.class);
    private static final String SCOPE = "engram_scope";
    private static final String USER_TEXT = "engram_user_text";

    private final EngramClient engram;
    private final String defaultUserId;
    private final String defaultAgentId;
    private final String defaultRunId;
    private final String defaultAppId;
    private final int topK;
    private final Double threshold;
    private final int maxMemoryTokens;
    private final PromptTemplate systemPromptTemplate;
    private final TokenCountEstimator tokens;
    private final boolean store;
    private final boolean infer;
    private final Map<String, Object> metadata;
    private final Duration searchTimeout;
    private final boolean failOnError;
    private final int order;
    private final Scheduler scheduler;

    private EngramMemoryAdvisor(Builder b) {
        this.engram = b.engram;
        this.defaultUserId = b.userId;
        this.defaultAgentId = b.agentId;
        this.defaultRunId = b.runId;
        this.defaultAppId = b.appId;
        this.topK = b.topK;
        this.threshold = b.threshold;
        this.maxMemoryTokens = b.maxMemoryTokens;
        this.systemPromptTemplate = b.systemPromptTemplate;
        this.tokens = b.tokens != null ? b.tokens : new JTokkitTokenCountEstimator();
        this.store = b.store;
        this.infer = b.infer;
        this.metadata = b.metadata == null ? null : Map.copyOf(b.metadata);
        this.searchTimeout = b.searchTimeout;
        this.failOnError = b.failOnError;
        this.order = b.order;
        this.scheduler = b.scheduler;
    }

    public static Builder builder(EngramClient engram) {
        return new Builder(engram);
    }

    @Override
    public int getOrder() {
        return order;
    }

    @Override
    public Scheduler getScheduler() {
        return scheduler;
    }

    @Override
    public ChatClientRequest before(ChatClientRequest request, AdvisorChain chain) {
        Scope scope = scope(request.context());
        String userText = request.prompt().getUserMessage().getText();
        CompletableFuture<AddResult> stored = new CompletableFuture<>();
        ChatClientRequest.Builder advised = request.mutate().context(SCOPE, scope).context(STORED, stored);
        if (userText == null || userText.isBlank()) return advised.context(RETRIEVED_MEMORIES, List.of()).build();
        advised.context(USER_TEXT, userText);

        MemoryBlock block = MemoryBlock.of(search(userText, scope), maxMemoryTokens, tokens);
        advised.context(RETRIEVED_MEMORIES, block.memories());
        if (block.isEmpty()) return advised.build();
        return advised.prompt(request.prompt().augmentSystemMessage(system -> augment(system, block))).build();
    }

    @Override
    public ChatClientResponse after(ChatClientResponse response, AdvisorChain chain) {
        @SuppressWarnings("unchecked")
        CompletableFuture<AddResult> stored = (CompletableFuture<AddResult>) response.context().get(STORED);
        Scope scope = (Scope) response.context().get(SCOPE);
        String userText = (String) response.context().get(USER_TEXT);
        String answer = answerText(response.chatResponse());
        if (stored == null || stored.isDone()) return response; // not ours, or already handled in this call
        if (!store || scope == null || userText == null || answer == null) {
            stored.complete(null);
            return response;
        }
        AddRequest.Builder add = AddRequest.builder(scope).message(Message.user(userText)).message(Message.assistant(answer));
        if (!infer) add.infer(false);
        if (metadata != null) add.metadata(metadata);
        try {
            engram.addAsync(add.build()).whenComplete((result, error) -> {
                if (error == null) {
                    stored.complete(result);
                } else {
                    LOG.warn("Engram: storing the exchange for {} failed, the chat went on without it: {}", scope.toFields(),
                            describe(error));
                    stored.completeExceptionally(error);
                }
            });
        } catch (RuntimeException e) { // e.g. the client rejected the request before sending it
            LOG.warn("Engram: storing the exchange for {} failed, the chat went on without it: {}", scope.toFields(), describe(e));
            stored.completeExceptionally(e);
        }
        return response;
    }

    /** Streams: memories before the first chunk, the add once the whole answer has streamed (not per chunk). */
    @Override
    public Flux<ChatClientResponse> adviseStream(ChatClientRequest request, StreamAdvisorChain chain) {
        return Mono.just(request)
                .publishOn(scheduler)
                .map(r -> before(r, chain))
                .flatMapMany(chain::nextStream)
                .transform(flux -> new ChatClientMessageAggregator().aggregateChatClientResponse(flux, r -> after(r, chain)));
    }

    private Scope scope(Map<String, Object> context) {
        String user = param(context, USER_ID, defaultUserId);
        String agent = param(context, AGENT_ID, defaultAgentId);
        String run = param(context, RUN_ID, defaultRunId);
        String app = param(context, APP_ID, defaultAppId);
        try {
            return new Scope(user, agent, run, app);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("EngramMemoryAdvisor needs a scope: set the advisor param EngramMemoryAdvisor.USER_ID"
                    + " (or AGENT_ID, RUN_ID, APP_ID) on the call, or a default with the builder's userId(…)", e);
        }
    }

    private static String param(Map<String, Object> context, String key, String fallback) {
        Object value = context.get(key);
        return value == null ? fallback : value.toString();
    }

    private List<Memory> search(String query, Scope scope) {
        SearchRequest.Builder search = SearchRequest.builder(query, scope).topK(topK);
        if (threshold != null) search.threshold(threshold);
        CompletableFuture<List<Memory>> hits = engram.searchAsync(search.build()).thenApply(r -> r.results());
        try {
            return hits.get(searchTimeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            hits.cancel(true);
            return searchFailed(scope, e);
        } catch (TimeoutException e) {
            hits.cancel(true);
            return searchFailed(scope, new TimeoutException("no answer within " + searchTimeout.toMillis() + " ms"));
        } catch (ExecutionException e) {
            return searchFailed(scope, e.getCause());
        }
    }

    private List<Memory> searchFailed(Scope scope, Throwable error) {
        if (failOnError) {
            if (error instanceof RuntimeException runtime) throw runtime;
            throw new IllegalStateException("Engram search failed: " + describe(error), error);
        }
        LOG.warn("Engram: searching the memories of {} failed, calling the model without them: {}", scope.toFields(), describe(error));
        return List.of();
    }

    private SystemMessage augment(SystemMessage system, MemoryBlock block) {
        Map<String, Object> variables = new LinkedHashMap<>();
        variables.put("instructions", system.getText() == null ? "" : system.getText());
        variables.put("memories", block.text());
        return system.mutate().text(systemPromptTemplate.render(variables).strip()).build();
    }

    private static String answerText(ChatResponse response) {
        if (response == null || response.getResult() == null) return null;
        Generation generation = response.getResult();
        AssistantMessage output = generation.getOutput();
        if (output == null || output.hasToolCalls()) return null;
        String text = output.getText();
        return text == null || text.isBlank() ? null : text;
    }

    /** The failure as one line: the first exception that is not a future's wrapper, with its message. */
    private static String describe(Throwable error) {
        Throwable e = error;
        while ((e instanceof CompletionException || e instanceof ExecutionException) && e.getCause() != null) e = e.getCause();
        return e.getClass().getSimpleName() + ": " + e.getMessage();
    }

    /** Builds an {@link EngramMemoryAdvisor}; every setting has a default. */
    public static final class Builder {
        private final EngramClient engram;
        private String userId;
        private String agentId;
        private String runId;
        private String appId;
        private int topK = 5;
        private Double threshold;
        private int maxMemoryTokens = 1000;
        private PromptTemplate systemPromptTemplate = new PromptTemplate(DEFAULT_SYSTEM_TEMPLATE);
        private TokenCountEstimator tokens;
        private boolean store = true;
        private boolean infer = true;
        private Map<String, Object> metadata;
        private Duration searchTimeout = Duration.ofSeconds(5);
        private boolean failOnError;
        private int order = Advisor.DEFAULT_CHAT_MEMORY_PRECEDENCE_ORDER;
        private Scheduler scheduler = BaseAdvisor.DEFAULT_SCHEDULER;

        private Builder(EngramClient engram) {
            this.engram = Objects.requireNonNull(engram, "engram");
        }

        /** The user id when the call sets no {@link #USER_ID} param. */
        public Builder userId(String value) {
            this.userId = value;
            return this;
        }

        /** The agent id when the call sets no {@link #AGENT_ID} param. */
        public Builder agentId(String value) {
            this.agentId = value;
            return this;
        }

        /** The run id when the call sets no {@link #RUN_ID} param. */
        public Builder runId(String value) {
            this.runId = value;
            return this;
        }

        /** The app id when the call sets no {@link #APP_ID} param. */
        public Builder appId(String value) {
            this.appId = value;
            return this;
        }

        /** How many memories to ask for (1–1000; default 5). */
        public Builder topK(int value) {
            if (value < 1 || value > 1000) throw new IllegalArgumentException("topK must be 1 to 1000, was " + value);
            this.topK = value;
            return this;
        }

        /** The least score (0–1) a memory needs; default: the server's (0.1). */
        public Builder threshold(double value) {
            if (value < 0 || value > 1) throw new IllegalArgumentException("threshold must be 0 to 1, was " + value);
            this.threshold = value;
            return this;
        }

        /** The most tokens the memory lines may take in the prompt (default 1000); the best memories go first. */
        public Builder maxMemoryTokens(int value) {
            if (value < 1) throw new IllegalArgumentException("maxMemoryTokens must be positive, was " + value);
            this.maxMemoryTokens = value;
            return this;
        }

        /** The system text template; it gets {@code {instructions}} and {@code {memories}} (see {@link #DEFAULT_SYSTEM_TEMPLATE}). */
        public Builder systemPromptTemplate(PromptTemplate value) {
            this.systemPromptTemplate = Objects.requireNonNull(value);
            return this;
        }

        /** The same, from a template string. */
        public Builder systemTemplate(String value) {
            return systemPromptTemplate(new PromptTemplate(value));
        }

        /** How memory lines are counted against {@link #maxMemoryTokens} (default: JTokkit, cl100k). */
        public Builder tokenCountEstimator(TokenCountEstimator value) {
            this.tokens = Objects.requireNonNull(value);
            return this;
        }

        /** Whether to add each exchange to Engram after the answer (default true). */
        public Builder store(boolean value) {
            this.store = value;
            return this;
        }

        /** False stores the exchange verbatim instead of letting Engram extract facts from it (default true). */
        public Builder infer(boolean value) {
            this.infer = value;
            return this;
        }

        /** Metadata stored with every memory the advisor adds. */
        public Builder metadata(Map<String, Object> value) {
            this.metadata = value;
            return this;
        }

        /** How long the call waits for the search before going on without memories (default 5 s). */
        public Builder searchTimeout(Duration value) {
            if (value.isNegative() || value.isZero()) throw new IllegalArgumentException("searchTimeout must be positive");
            this.searchTimeout = value;
            return this;
        }

        /** True fails the call when the search fails or times out; default false: log and call the model without memories. */
        public Builder failOnError(boolean value) {
            this.failOnError = value;
            return this;
        }

        /** The advisor's order (default {@link Advisor#DEFAULT_CHAT_MEMORY_PRECEDENCE_ORDER}: before the tool loop, once a call). */
        public Builder order(int value) {
            this.order = value;
            return this;
        }

        /** Where a streamed call runs the search (default {@link BaseAdvisor#DEFAULT_SCHEDULER}, bounded elastic). */
        public Builder scheduler(Scheduler value) {
            this.scheduler = Objects.requireNonNull(value);
            return this;
        }

        public EngramMemoryAdvisor build() {
            return new EngramMemoryAdvisor(this);
        }
    }
}
