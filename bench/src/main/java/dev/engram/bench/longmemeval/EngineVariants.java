package dev.engram.bench.longmemeval;

import dev.engram.core.Memory;
import dev.engram.core.engine.Embedder;
import dev.engram.core.engine.EngineSettings;
import dev.engram.core.engine.RetrievalSettings;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/**
 * Named engine configurations that {@code --variant} selects. Each builds a fresh in-memory {@link Memory} (in-memory
 * store, in-RAM Lucene index, the bundled embedder) per question. Add a variant here to measure a change on its own.
 */
public final class EngineVariants {

    /**
     * @param memory a fresh, empty memory per call
     * @param infer  true: each session is added with extraction (offline, no LLM); false: messages stored verbatim
     */
    public record EngineVariant(String name, String description, Function<Embedder, Memory> memory, boolean infer, boolean bilingual) {
    }

    public static final String DEFAULT = "default";

    private static final Map<String, EngineVariant> VARIANTS = new LinkedHashMap<>();

    static {
        register(new EngineVariant(DEFAULT, "the engine's current settings: offline extraction and reconciliation, hybrid search",
                e -> inMemory(e, EngineSettings.defaults()), true, false));
        register(new EngineVariant("verbatim", "current settings, messages stored verbatim (infer off), hybrid search",
                e -> inMemory(e, EngineSettings.defaults()), false, false));
        register(retrieval("no-evidence", "default without messages kept as evidence (facts only)", r -> r.withKeepEvidence(false)));
        register(retrieval("rank-fusion", "default with reciprocal rank fusion (k=60) instead of convex fusion", r -> r.withVectorShare(-1)));
        register(retrieval("vector-0.3", "default with the cosine weighing 0.3 in the convex fusion (BM25 0.7)", r -> r.withVectorShare(0.3)));
        register(retrieval("vector-0.7", "default with the cosine weighing 0.7 in the convex fusion (BM25 0.3)", r -> r.withVectorShare(0.7)));
        register(retrieval("evidence-0.8", "default with evidence scores weighed 0.8 against facts", r -> r.withEvidenceWeight(0.8)));
        register(new EngineVariant("bilingual", "default with the bilingual embedder: bge-small-zh for CJK text, bge-small-en for the rest",
                e -> inMemory(e, EngineSettings.defaults()), true, true));
        register(bilingual("bilingual-vector-0.3", "bilingual with the cosine weighing 0.3 (BM25 0.7)", r -> r.withVectorShare(0.3)));
        register(bilingual("bilingual-vector-0.7", "bilingual with the cosine weighing 0.7 (BM25 0.3)", r -> r.withVectorShare(0.7)));
        register(bilingual("bilingual-no-time", "bilingual-vector-0.7 without time matching (the reference time still hides later memories)",
                r -> r.withVectorShare(0.7).withTimeWeight(0)));
        register(bilingual("bilingual-time-0.2", "bilingual-vector-0.7 with the time match weighing 0.2", r -> r.withVectorShare(0.7).withTimeWeight(0.2)));
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

    private static EngineVariant retrieval(String name, String description, UnaryOperator<RetrievalSettings> change) {
        EngineSettings settings = EngineSettings.defaults();
        EngineSettings changed = settings.withRetrieval(change.apply(settings.retrieval()));
        return new EngineVariant(name, description, e -> inMemory(e, changed), true, false);
    }

    /** The embedder a variant's engine uses, before any cache. */
    public static Embedder embedder(EngineVariant v) {
        return v.bilingual() ? Embedder.bilingual() : Embedder.defaultEmbedder();
    }

    private static EngineVariant bilingual(String name, String description, UnaryOperator<RetrievalSettings> change) {
        EngineSettings settings = EngineSettings.defaults();
        EngineSettings changed = settings.withRetrieval(change.apply(settings.retrieval()));
        return new EngineVariant(name, description, e -> inMemory(e, changed), true, true);
    }

    static Memory inMemory(Embedder embedder, EngineSettings settings) {
        return Memory.builder().inMemory().embedder(embedder).settings(settings).meterRegistry(new SimpleMeterRegistry()).build();
    }
}
