package dev.engram.bench.longmemeval;

import dev.engram.core.Memory;
import dev.engram.core.engine.Embedder;
import dev.engram.core.engine.EngineSettings;
import dev.engram.core.engine.OnnxThreads;
import dev.engram.core.engine.RerankSettings;
import dev.engram.core.engine.RetrievalSettings;
import dev.engram.core.index.lucene.LuceneVectorIndex;
import dev.engram.core.spi.MemoryStore;
import dev.engram.core.spi.VectorIndex;
import dev.engram.core.store.memory.InMemoryMemoryStore;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * Named engine configurations that {@code --variant} selects. Each builds a fresh in-memory {@link Memory} (in-memory
 * store, in-RAM Lucene index, the bundled embedder) per question. Add a variant here to measure a change on its own.
 */
public final class EngineVariants {

    /**
     * @param settings the engine's settings
     * @param infer    true: each session is added with extraction (offline, no LLM); false: messages stored verbatim
     * @param base     null, or the variant whose ingested haystack this one searches with its own settings (only settings
     *                 that ingest does not read may differ; the base must be given first in the same run)
     * @param threads  null: the bundled embedder as the engine builds it; else the bilingual models with these ONNX threads
     * @param rerank   searches ask for the second stage ({@code SearchRequest.rerank})
     */
    public record EngineVariant(String name, String description, EngineSettings settings, boolean infer, boolean bilingual, String base,
                                OnnxThreads threads, boolean rerank) {

        /** A memory over the given store and index (fresh ones for a variant that ingests itself). */
        Memory memory(Embedder embedder, MemoryStore store, VectorIndex index) {
            return Memory.builder().store(store).vectorIndex(index).embedder(embedder).settings(settings)
                    .meterRegistry(new SimpleMeterRegistry()).build();
        }

        /** A fresh, empty memory. */
        Memory memory(Embedder embedder) {
            return memory(embedder, new InMemoryMemoryStore(), LuceneVectorIndex.inMemory(embedder.dimension()));
        }
    }

    public static final String DEFAULT = "default";

    private static final Map<String, EngineVariant> VARIANTS = new LinkedHashMap<>();

    static {
        register(new EngineVariant(DEFAULT, "the engine's current settings: offline extraction and reconciliation, hybrid search",
                EngineSettings.defaults(), true, false, null, null, false));
        register(new EngineVariant("verbatim", "current settings, messages stored verbatim (infer off), hybrid search",
                EngineSettings.defaults(), false, false, null, null, false));
        register(retrieval("no-evidence", "default without messages kept as evidence (facts only)", r -> r.withKeepEvidence(false), false));
        register(retrieval("rank-fusion", "default with reciprocal rank fusion (k=60) instead of convex fusion", r -> r.withVectorShare(-1), false));
        register(retrieval("vector-0.3", "default with the cosine weighing 0.3 in the convex fusion (BM25 0.7)", r -> r.withVectorShare(0.3), false));
        register(retrieval("vector-0.7", "default with the cosine weighing 0.7 in the convex fusion (BM25 0.3)", r -> r.withVectorShare(0.7), false));
        register(retrieval("evidence-0.8", "default with evidence scores weighed 0.8 against facts", r -> r.withEvidenceWeight(0.8), false));
        register(new EngineVariant("bilingual", "default with the bilingual embedder: bge-small-zh for CJK text, bge-small-en for the rest",
                EngineSettings.defaults(), true, true, null, null, false));
        register(retrieval("bilingual-vector-0.3", "bilingual with the cosine weighing 0.3 (BM25 0.7)", r -> r.withVectorShare(0.3), true));
        register(retrieval("bilingual-vector-0.7", "bilingual with the cosine weighing 0.7 (BM25 0.3)", r -> r.withVectorShare(0.7), true));
        register(searching("bilingual-time-0.1", "bilingual-vector-0.7 with the time match weighing 0.1", "bilingual-vector-0.7",
                r -> r.withTimeWeight(0.1)));
        register(searching("bilingual-time-0.2", "bilingual-vector-0.7 with the time match weighing 0.2", "bilingual-vector-0.7",
                r -> r.withTimeWeight(0.2)));
        register(searching("bilingual-recency-0.05", "bilingual-vector-0.7 with a recency prior weighing 0.05", "bilingual-vector-0.7",
                r -> r.withRecencyWeight(0.05)));
        register(searching("bilingual-recency-0.1", "bilingual-vector-0.7 with a recency prior weighing 0.1", "bilingual-vector-0.7",
                r -> r.withRecencyWeight(0.1)));
        // The second stage (rerank: true), each signal on its own and together, over bilingual-vector-0.7's ingest.
        register(reranking("bilingual-rerank-coverage", "bilingual-vector-0.7 reranked by the question's word coverage (weight 0.3)",
                r -> r.withWeights(0.3, 0, 0)));
        register(reranking("bilingual-rerank-near", "bilingual-vector-0.7 reranked by the question's word pairs near each other (weight 0.2)",
                r -> r.withWeights(0, 0.2, 0)));
        register(reranking("bilingual-rerank-window", "bilingual-vector-0.7 reranked by the best cosine of 512-character windows (weight 0.3)",
                r -> r.withWeights(0, 0, 0.3)));
        register(reranking("bilingual-rerank-lexical", "bilingual-vector-0.7 reranked by coverage 0.2 and near pairs 0.1",
                r -> r.withWeights(0.2, 0.1, 0)));
        register(reranking("bilingual-rerank-all", "bilingual-vector-0.7 reranked by coverage 0.2, near pairs 0.1 and windows 0.2",
                r -> r.withWeights(0.2, 0.1, 0.2)));
        register(reranking("bilingual-rerank-window-0.5", "bilingual-vector-0.7 reranked by the best cosine of 512-character windows (weight 0.5)",
                r -> r.withWeights(0, 0, 0.5)));
        register(reranking("bilingual-rerank-window-coverage", "bilingual-vector-0.7 reranked by windows 0.3 and coverage 0.1",
                r -> r.withWeights(0.1, 0, 0.3)));
        register(reranking("bilingual-rerank-all-50", "bilingual-rerank-all over the first stage's best 50 messages (30 before)",
                r -> r.withWeights(0.2, 0.1, 0.2).withDepth(50)));
        register(reranking("bilingual-rerank-window-50", "bilingual-rerank-window over the first stage's best 50 messages",
                r -> r.withWeights(0, 0, 0.3).withDepth(50)));
        register(reranking("bilingual-rerank-spread-0.05", "bilingual-vector-0.7 with a session penalty of 0.05 per earlier result of the same session",
                r -> r.withWeights(0, 0, 0).withSessionPenalty(0.05)));
        register(reranking("bilingual-rerank-spread-0.1", "bilingual-vector-0.7 with a session penalty of 0.1",
                r -> r.withWeights(0, 0, 0).withSessionPenalty(0.1)));
        register(reranking("bilingual-rerank-spread-0.2", "bilingual-vector-0.7 with a session penalty of 0.2",
                r -> r.withWeights(0, 0, 0).withSessionPenalty(0.2)));
        register(reranking("bilingual-rerank-role-0.05", "bilingual-vector-0.7 reranked by the speaker the question asks about (weight 0.05)",
                r -> r.withWeights(0, 0, 0).withRoleWeight(0.05)));
        register(reranking("bilingual-rerank-role-0.1", "bilingual-vector-0.7 reranked by the speaker the question asks about (weight 0.1)",
                r -> r.withWeights(0, 0, 0).withRoleWeight(0.1)));
        register(reranking("bilingual-rerank-role-0.2", "bilingual-vector-0.7 reranked by the speaker the question asks about (weight 0.2)",
                r -> r.withWeights(0, 0, 0).withRoleWeight(0.2)));
        register(reranking("bilingual-rerank-role-0.3", "bilingual-vector-0.7 reranked by the speaker the question asks about (weight 0.3)",
                r -> r.withWeights(0, 0, 0).withRoleWeight(0.3)));
        register(reranking("bilingual-rerank-role-0.4", "bilingual-vector-0.7 reranked by the speaker the question asks about (weight 0.4)",
                r -> r.withWeights(0, 0, 0).withRoleWeight(0.4)));
        register(reranking("bilingual-rerank-role-0.2-spread-0.05", "bilingual-rerank-role-0.2 with a session penalty of 0.05",
                r -> r.withWeights(0, 0, 0).withRoleWeight(0.2).withSessionPenalty(0.05)));
        register(reranking("bilingual-rerank-role-0.2-near-0.1", "bilingual-rerank-role-0.2 with near pairs weighing 0.1",
                r -> r.withWeights(0, 0.1, 0).withRoleWeight(0.2)));
        // Replay rate (issue 11, part 3): each lever on its own, on top of bilingual-vector-0.7 as it was before them
        // (every message head embedded, replay-every-head); replay-assistant-from-user is today's default.
        register(replay("replay-every-head", "bilingual-vector-0.7 embedding every message's 512-character head (the default before issue 11, part 3)",
                r -> r, null));
        register(replay("replay-head-256", "bilingual-vector-0.7 embedding 256-character evidence heads (512 before)",
                r -> r.withEvidenceEmbedChars(256, 256), null));
        register(replay("replay-head-128", "bilingual-vector-0.7 embedding 128-character evidence heads",
                r -> r.withEvidenceEmbedChars(128, 128), null));
        register(replay("replay-assistant-128", "bilingual-vector-0.7 embedding 128-character heads of the assistant's messages (the user's 512)",
                r -> r.withEvidenceEmbedChars(512, 128), null));
        register(replay("replay-fact-vectors", "bilingual-vector-0.7 where a message a fact was drawn from takes the fact's vector",
                r -> r.withEvidenceFromFacts(true), null));
        register(replay("replay-fact-vectors-256", "replay-fact-vectors with 256-character evidence heads",
                r -> r.withEvidenceFromFacts(true).withEvidenceEmbedChars(256, 256), null));
        register(replay("replay-fact-vectors-assistant-128", "replay-fact-vectors with 128-character heads of the assistant's messages",
                r -> r.withEvidenceFromFacts(true).withEvidenceEmbedChars(512, 128), null));
        register(replay("replay-threads", "bilingual-vector-0.7 with the models' ONNX sessions on one thread each, one text per processor",
                r -> r, OnnxThreads.perProcessor()));
        register(replay("replay-threads-1x2", "bilingual-vector-0.7 with one text at a time on two ONNX threads",
                r -> r, new OnnxThreads(1, 2)));
        register(replay("replay-assistant-from-user", "bilingual-vector-0.7 where an assistant message takes the vector of the user message before it",
                r -> r.withAssistantFromUser(true), null));
        register(replay("replay-fastest", "replay-fast where an assistant message takes the vector of the user message before it",
                r -> r.withEvidenceFromFacts(true).withAssistantFromUser(true), OnnxThreads.perProcessor()));
        register(replay("replay-fast", "replay-fact-vectors with replay-threads' ONNX threads",
                r -> r.withEvidenceFromFacts(true), OnnxThreads.perProcessor()));
        register(replay("replay-fast-256", "replay-fact-vectors-256 with replay-threads' ONNX threads",
                r -> r.withEvidenceFromFacts(true).withEvidenceEmbedChars(256, 256), OnnxThreads.perProcessor()));
        register(replay("replay-fast-assistant-128", "replay-fact-vectors-assistant-128 with replay-threads' ONNX threads",
                r -> r.withEvidenceFromFacts(true).withEvidenceEmbedChars(512, 128), OnnxThreads.perProcessor()));
    }

    private static EngineVariant replay(String name, String description, UnaryOperator<RetrievalSettings> change, OnnxThreads threads) {
        EngineSettings settings = get("bilingual-vector-0.7").settings();
        RetrievalSettings before = settings.retrieval().withAssistantFromUser(false);
        return new EngineVariant(name, description, settings.withRetrieval(change.apply(before)), true, true, null, threads, false);
    }

    private EngineVariants() {
    }

    private static void register(EngineVariant v) {
        VARIANTS.put(v.name(), v);
    }

    public static Set<String> names() {
        return VARIANTS.keySet();
    }

    /** @throws IllegalArgumentException for an unknown name */
    public static EngineVariant get(String name) {
        EngineVariant v = VARIANTS.get(name);
        if (v == null) throw new IllegalArgumentException("unknown engine variant '" + name + "' (known: " + names() + ")");
        return v;
    }

    private static EngineVariant retrieval(String name, String description, UnaryOperator<RetrievalSettings> change, boolean bilingual) {
        EngineSettings settings = EngineSettings.defaults();
        return new EngineVariant(name, description, settings.withRetrieval(change.apply(settings.retrieval())), true, bilingual, null, null, false);
    }

    /** A variant that searches its base's ingested haystack with the base's settings changed (no ingest of its own). */
    private static EngineVariant searching(String name, String description, String base, UnaryOperator<RetrievalSettings> change) {
        EngineVariant b = get(base);
        EngineSettings changed = b.settings().withRetrieval(change.apply(b.settings().retrieval()));
        return new EngineVariant(name, description + " (searches " + base + "'s ingest)", changed, b.infer(), b.bilingual(), base, b.threads(), false);
    }

    /**
     * A variant that searches bilingual-vector-0.7's ingested haystack asking for the second stage, with only the signals
     * {@code change} sets (from none: every weight and the session penalty 0).
     */
    private static EngineVariant reranking(String name, String description, UnaryOperator<RerankSettings> change) {
        EngineVariant b = get("bilingual-vector-0.7");
        RetrievalSettings r = b.settings().retrieval();
        RerankSettings none = r.rerank().withWeights(0, 0, 0).withRoleWeight(0).withSessionPenalty(0);
        EngineSettings changed = b.settings().withRetrieval(r.withRerank(change.apply(none)));
        return new EngineVariant(name, description + " (searches bilingual-vector-0.7's ingest)", changed, b.infer(), b.bilingual(),
                b.name(), b.threads(), true);
    }

    /** The embedder a variant's engine uses, before any cache. */
    public static Embedder embedder(EngineVariant v) {
        if (v.threads() != null) return Embedder.bilingual(v.threads());
        return v.bilingual() ? Embedder.bilingual() : Embedder.defaultEmbedder();
    }
}
