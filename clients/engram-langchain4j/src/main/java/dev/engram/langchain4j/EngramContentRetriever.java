package dev.engram.langchain4j;

import dev.engram.client.EngramClient;
import dev.engram.client.model.Memory;
import dev.engram.client.model.Scope;
import dev.engram.client.model.SearchRequest;
import dev.langchain4j.data.document.Metadata;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.rag.content.Content;
import dev.langchain4j.rag.content.ContentMetadata;
import dev.langchain4j.rag.content.retriever.ContentRetriever;
import dev.langchain4j.rag.query.Query;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * Recalls Engram memories for a LangChain4j RAG step: searches the query's text within a scope and returns the hits as
 * {@link Content}, best first. Each content's text is the memory; its {@link ContentMetadata#SCORE} is Engram's score
 * (0 to 1) and {@link ContentMetadata#EMBEDDING_ID} the memory id; the segment's metadata carries {@code memory_id},
 * {@code score} and the memory's entity ids.
 *
 * <p>The scope is fixed ({@link Builder#scope(Scope)}) or taken from the query
 * ({@link Builder#scope(Function)}), typically from the AI service's {@code @MemoryId}:
 * <pre>{@code
 * EngramContentRetriever.builder(engram)
 *         .scope(query -> Scope.user(query.metadata().chatMemoryId().toString()))
 *         .topK(5).threshold(0.3).build();
 * }</pre>
 * A failed search throws the client's {@link dev.engram.client.error.EngramException} (after its retries), failing
 * the AI service call rather than answering without the memories.
 */
public final class EngramContentRetriever implements ContentRetriever {

    private final EngramClient client;
    private final Function<Query, Scope> scope;
    private final Integer topK;
    private final Double threshold;
    private final Boolean rerank;

    private EngramContentRetriever(Builder builder) {
        this.client = Objects.requireNonNull(builder.client, "client");
        this.scope = Objects.requireNonNull(builder.scope, "scope: call scope(Scope) or scope(Function<Query, Scope>)");
        this.topK = builder.topK;
        this.threshold = builder.threshold;
        this.rerank = builder.rerank;
    }

    public static Builder builder(EngramClient client) {
        return new Builder(client);
    }

    @Override
    public List<Content> retrieve(Query query) {
        if (query == null || query.text() == null || query.text().isBlank()) return List.of();
        SearchRequest.Builder search = SearchRequest.builder(query.text(), scope.apply(query));
        if (topK != null) search.topK(topK);
        if (threshold != null) search.threshold(threshold);
        if (rerank != null) search.rerank(rerank);
        return client.search(search.build()).results().stream().map(EngramContentRetriever::content).toList();
    }

    static Content content(Memory memory) {
        Map<String, Object> segmentMetadata = new LinkedHashMap<>();
        segmentMetadata.put("memory_id", memory.id());
        if (memory.score() != null) segmentMetadata.put("score", memory.score());
        if (memory.userId() != null) segmentMetadata.put("user_id", memory.userId());
        if (memory.agentId() != null) segmentMetadata.put("agent_id", memory.agentId());
        if (memory.runId() != null) segmentMetadata.put("run_id", memory.runId());
        if (memory.createdAt() != null) segmentMetadata.put("created_at", memory.createdAt().toString());
        Map<ContentMetadata, Object> contentMetadata = new LinkedHashMap<>();
        if (memory.score() != null) contentMetadata.put(ContentMetadata.SCORE, memory.score());
        contentMetadata.put(ContentMetadata.EMBEDDING_ID, memory.id());
        return Content.from(TextSegment.from(memory.memory(), Metadata.from(segmentMetadata)), contentMetadata);
    }

    public static final class Builder {
        private final EngramClient client;
        private Function<Query, Scope> scope;
        private Integer topK;
        private Double threshold;
        private Boolean rerank;

        private Builder(EngramClient client) {
            this.client = client;
        }

        /** Every query searches this scope. */
        public Builder scope(Scope fixed) {
            Objects.requireNonNull(fixed, "scope");
            this.scope = query -> fixed;
            return this;
        }

        /**
         * The scope per query; {@code query.metadata()} (with {@code chatMemoryId()}) is set when an AI service calls the
         * retriever, null when the retriever is called on a bare {@link Query}.
         */
        public Builder scope(Function<Query, Scope> resolver) {
            this.scope = Objects.requireNonNull(resolver, "scope");
            return this;
        }

        /** How many memories at most (server default 10). */
        public Builder topK(int value) {
            this.topK = value;
            return this;
        }

        /** The lowest score kept, 0 to 1 (server default 0.1). */
        public Builder threshold(double value) {
            this.threshold = value;
            return this;
        }

        public Builder rerank(boolean value) {
            this.rerank = value;
            return this;
        }

        public EngramContentRetriever build() {
            return new EngramContentRetriever(this);
        }
    }
}
