package dev.engram.core.engine;

import dev.engram.core.domain.CleanText;
import dev.engram.core.error.ConfigurationException;
import dev.engram.core.error.EngramException;
import dev.engram.core.error.StorageException;
import dev.engram.core.error.ValidationException;
import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.embedding.onnx.bgesmallenv15q.BgeSmallEnV15QuantizedEmbeddingModel;
import dev.langchain4j.model.embedding.onnx.bgesmallzhv15q.BgeSmallZhV15QuantizedEmbeddingModel;

import java.util.ArrayList;
import java.util.List;

/**
 * The engine's view of a LangChain4j {@link EmbeddingModel}: float vectors, batched, with the dimension and a stable name
 * that the index records so a model change is caught at start-up.
 */
public final class Embedder {

    /** The default model's name as recorded in indexes. */
    public static final String DEFAULT_MODEL_NAME = "bge-small-zh-v15-q";

    /** The bilingual model's name as recorded in indexes (bge-small-zh for CJK text beside bge-small-en for the rest). */
    public static final String BILINGUAL_MODEL_NAME = "bge-small-zh-v15-q+bge-small-en-v15-q";

    private final EmbeddingModel model;
    private final String name;
    private final int dimension;

    public Embedder(EmbeddingModel model, String name) {
        this.model = model;
        this.name = name;
        try {
            this.dimension = model.dimension();
        } catch (RuntimeException e) {
            throw new ConfigurationException("The embedding model '" + name + "' could not report its dimension: " + e.getMessage(), e);
        }
    }

    /**
     * The bundled in-process ONNX model (bge-small-zh-v1.5, quantized, 512 dimensions): Chinese and English, no network.
     * One instance per JVM: the ONNX session is thread-safe and costs ~100 MB.
     */
    public static Embedder defaultEmbedder() {
        return DefaultHolder.INSTANCE;
    }

    /**
     * Both bundled in-process models (bge-small-zh-v1.5 and bge-small-en-v1.5, quantized; 512 + 384 dimensions): each
     * text is embedded by the model of its language, each query by both (see {@link BilingualEmbeddingModel}).
     */
    public static Embedder bilingual() {
        return BilingualHolder.INSTANCE;
    }

    /**
     * The bilingual model with its ONNX threads chosen ({@link OnnxThreads}); the same artifacts, so the same vectors
     * (within float rounding) and the same recorded name as {@link #bilingual()}. Each call loads both models anew.
     */
    public static Embedder bilingual(OnnxThreads threads) {
        return new Embedder(new BilingualEmbeddingModel(
                new ThreadedOnnxEmbeddingModel("bge-small-zh-v1.5-q.onnx", "bge-small-zh-v1.5-q-tokenizer.json", 512, threads),
                new ThreadedOnnxEmbeddingModel("bge-small-en-v1.5-q.onnx", "bge-small-en-v1.5-q-tokenizer.json", 384, threads)),
                BILINGUAL_MODEL_NAME);
    }

    private static final class DefaultHolder {
        static final Embedder INSTANCE = new Embedder(new BgeSmallZhV15QuantizedEmbeddingModel(), DEFAULT_MODEL_NAME);
    }

    private static final class BilingualHolder {
        static final Embedder INSTANCE = new Embedder(new BilingualEmbeddingModel(DefaultHolder.INSTANCE.model,
                new BgeSmallEnV15QuantizedEmbeddingModel()), BILINGUAL_MODEL_NAME);
    }

    public String name() {
        return name;
    }

    public int dimension() {
        return dimension;
    }

    /**
     * The text's vector. Text with no visible character is a {@link ValidationException} (models refuse it); a model that
     * fails is a {@link StorageException} (a backend that did not answer), never an unexplained error.
     */
    public float[] embed(String text) {
        requireText(text);
        try {
            return model.embed(text).content().vector();
        } catch (RuntimeException e) {
            throw failure(e);
        }
    }

    /** A search query's vector (a model may embed queries differently from the texts it stores). */
    public float[] embedQuery(String text) {
        return model instanceof QueryEmbeddingModel q ? q.embedQuery(text) : embed(text);
    }

    public List<float[]> embedAll(List<String> texts) {
        if (texts.isEmpty()) return List.of();
        if (texts.size() == 1) return List.of(embed(texts.get(0)));
        List<TextSegment> segments = new ArrayList<>(texts.size());
        for (String t : texts) {
            requireText(t);
            segments.add(TextSegment.from(t));
        }
        List<Embedding> embeddings;
        try {
            embeddings = model.embedAll(segments).content();
        } catch (RuntimeException e) {
            throw failure(e);
        }
        List<float[]> out = new ArrayList<>(embeddings.size());
        for (Embedding e : embeddings) out.add(e.vector());
        return out;
    }

    private static void requireText(String text) {
        if (CleanText.isBlank(text)) {
            throw new ValidationException("A memory's text is empty once invisible characters are removed: give it visible text");
        }
    }

    private RuntimeException failure(RuntimeException e) {
        if (e instanceof EngramException) return e;
        return new StorageException("The embedding model '" + name + "' failed: " + e.getMessage(), e);
    }

    public static double cosine(float[] a, float[] b) {
        return dev.engram.core.spi.Vectors.cosine(a, b);
    }
}
