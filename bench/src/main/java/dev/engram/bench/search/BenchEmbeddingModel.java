package dev.engram.bench.search;

import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.output.Response;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The embedding model the benchmark hands to its {@code Memory}: one instance (one name, one dimension, so the index
 * accepts it throughout) whose behaviour is switched between phases.
 * <ul>
 *   <li>{@link Mode#RANDOM}: a deterministic random unit vector per text, for building very large indexes quickly;</li>
 *   <li>{@link Mode#MODEL}: the real model (the measured search includes the query embedding);</li>
 *   <li>{@link Mode#PRECOMPUTED}: vectors embedded beforehand by {@link #precompute}, so a search measures the engine
 *   and index without the embedding; a text not precomputed falls back to the model.</li>
 * </ul>
 */
public final class BenchEmbeddingModel implements EmbeddingModel {

    public enum Mode { RANDOM, MODEL, PRECOMPUTED }

    private final EmbeddingModel model;
    private final int dimension;
    private final Map<String, float[]> precomputed = new ConcurrentHashMap<>();
    private volatile Mode mode = Mode.MODEL;

    public BenchEmbeddingModel(EmbeddingModel model) {
        this.model = model;
        this.dimension = model.dimension();
    }

    public void mode(Mode value) {
        this.mode = value;
    }

    /** Embeds {@code texts} with the real model now, for later {@link Mode#PRECOMPUTED} lookups. */
    public void precompute(List<String> texts) {
        List<String> missing = texts.stream().distinct().filter(t -> !precomputed.containsKey(t)).toList();
        List<TextSegment> segments = missing.stream().map(TextSegment::from).toList();
        if (segments.isEmpty()) return;
        List<Embedding> vectors = model.embedAll(segments).content();
        for (int i = 0; i < missing.size(); i++) precomputed.put(missing.get(i), vectors.get(i).vector());
    }

    @Override
    public Response<List<Embedding>> embedAll(List<TextSegment> segments) {
        Mode current = mode;
        if (current == Mode.MODEL) return model.embedAll(segments);
        List<Embedding> out = new ArrayList<>(segments.size());
        for (TextSegment s : segments) {
            float[] v = current == Mode.RANDOM ? random(s.text()) : precomputed.get(s.text());
            out.add(v != null ? Embedding.from(v) : model.embed(s.text()).content());
        }
        return Response.from(out);
    }

    @Override
    public int dimension() {
        return dimension;
    }

    @Override
    public String modelName() {
        return model.modelName();
    }

    /** A unit vector seeded by the text, so the same text always gets the same vector. */
    private float[] random(String text) {
        var r = new SplittableRandom(text.hashCode() * 0x9E3779B97F4A7C15L);
        float[] v = new float[dimension];
        double norm = 0;
        for (int i = 0; i < dimension; i++) {
            v[i] = (float) (r.nextDouble() * 2 - 1);
            norm += v[i] * v[i];
        }
        float inv = (float) (1 / Math.sqrt(norm));
        for (int i = 0; i < dimension; i++) v[i] *= inv;
        return v;
    }
}
