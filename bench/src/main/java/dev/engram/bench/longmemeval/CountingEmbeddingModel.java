package dev.engram.bench.longmemeval;

import dev.engram.core.engine.Embedder;
import dev.engram.core.engine.QueryEmbeddingModel;
import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.output.Response;

import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;

/**
 * An engine embedder that counts the stored texts it is asked to embed and their characters (queries are not counted):
 * the embedding work of a variant's ingest, which unlike its rate does not depend on the machine's load.
 */
final class CountingEmbeddingModel implements QueryEmbeddingModel {

    private final Embedder model;
    private final AtomicLong texts = new AtomicLong();
    private final AtomicLong chars = new AtomicLong();

    CountingEmbeddingModel(Embedder model) {
        this.model = model;
    }

    Embedder embedder() {
        return new Embedder(this, model.name());
    }

    @Override
    public Response<List<Embedding>> embedAll(List<TextSegment> segments) {
        texts.addAndGet(segments.size());
        for (TextSegment s : segments) chars.addAndGet(s.text().length());
        return Response.from(model.embedAll(segments.stream().map(TextSegment::text).toList()).stream().map(Embedding::from).toList());
    }

    @Override
    public float[] embedQuery(String text) {
        return model.embedQuery(text);
    }

    @Override
    public int dimension() {
        return model.dimension();
    }

    String summary(String variant) {
        return String.format(Locale.ROOT, "longmemeval: engram:%s embedded %d stored texts, %d characters", variant, texts.get(), chars.get());
    }
}
