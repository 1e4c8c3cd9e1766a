package dev.engram.bench.search;

import dev.engram.core.engine.Embedder;
import dev.engram.core.engine.QueryEmbeddingModel;
import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.output.Response;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * An {@link Embedder}'s model that answers a query from vectors the real embedder computed beforehand while switched
 * on ({@link #precomputed(boolean)}), so a search can be timed without its query embedding; stored texts and queries
 * not computed beforehand go to the real embedder.
 */
public final class PrecomputedQueries implements QueryEmbeddingModel {

    private final Embedder real;
    private final Map<String, float[]> queries = new ConcurrentHashMap<>();
    private volatile boolean precomputed;

    public PrecomputedQueries(Embedder real) {
        this.real = real;
    }

    /** Embeds {@code query} with the real embedder now, for later lookups. */
    public void precompute(String query) {
        queries.computeIfAbsent(query, real::embedQuery);
    }

    public void precomputed(boolean on) {
        this.precomputed = on;
    }

    @Override
    public float[] embedQuery(String text) {
        float[] v = precomputed ? queries.get(text) : null;
        return v != null ? v : real.embedQuery(text);
    }

    @Override
    public Response<List<Embedding>> embedAll(List<TextSegment> segments) {
        List<Embedding> out = new ArrayList<>(segments.size());
        for (float[] v : real.embedAll(segments.stream().map(TextSegment::text).toList())) out.add(Embedding.from(v));
        return Response.from(out);
    }

    @Override
    public int dimension() {
        return real.dimension();
    }
}
