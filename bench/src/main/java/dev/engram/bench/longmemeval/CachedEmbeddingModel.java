package dev.engram.bench.longmemeval;

import dev.engram.core.engine.Embedder;
import dev.engram.core.engine.QueryEmbeddingModel;
import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.output.Response;

import java.util.List;

/**
 * The engine's embedder with its stored texts' vectors taken from a {@link VectorCache}, so engine variants measured
 * one after the other (and reruns) embed each message once. Queries go to the model itself. With the cache warm, the
 * engine's ingest time no longer includes embedding: ingest rates are measured on a cold cache.
 */
final class CachedEmbeddingModel implements QueryEmbeddingModel {

    private final Embedder model;
    private final VectorCache cache;

    CachedEmbeddingModel(Embedder model, VectorCache cache) {
        this.model = model;
        this.cache = cache;
    }

    /** An embedder with the model's name and dimension whose stored texts come through the cache. */
    static Embedder around(Embedder model, VectorCache cache) {
        return new Embedder(new CachedEmbeddingModel(model, cache), model.name());
    }

    @Override
    public Response<List<Embedding>> embedAll(List<TextSegment> segments) {
        return Response.from(cache.vectors(segments.stream().map(TextSegment::text).toList()).stream().map(Embedding::from).toList());
    }

    @Override
    public float[] embedQuery(String text) {
        return model.embedQuery(text);
    }

    @Override
    public int dimension() {
        return model.dimension();
    }
}
