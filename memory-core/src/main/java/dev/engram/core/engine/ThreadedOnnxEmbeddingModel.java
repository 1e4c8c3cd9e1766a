package dev.engram.core.engine;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.engram.core.error.ConfigurationException;
import dev.langchain4j.model.embedding.onnx.AbstractInProcessEmbeddingModel;
import dev.langchain4j.model.embedding.onnx.OnnxBertBiEncoder;
import dev.langchain4j.model.embedding.onnx.PoolingMode;

import java.io.IOException;
import java.io.InputStream;
import java.util.concurrent.Executor;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A bundled ONNX model (the same artifacts LangChain4j's model classes load from their jars) with its threads chosen:
 * {@code texts} texts embedded at once by a pool of that many threads, each run of the ONNX session on
 * {@code threadsPerText} threads. LangChain4j's own classes run one text per available processor, each on ONNX's default
 * intra-op pool (one thread per core), so two texts at once on two cores ask for four busy threads.
 */
final class ThreadedOnnxEmbeddingModel extends AbstractInProcessEmbeddingModel {

    private final OnnxBertBiEncoder encoder;
    private final int dimension;

    ThreadedOnnxEmbeddingModel(String modelResource, String tokenizerResource, int dimension, OnnxThreads threads) {
        super(pool(modelResource, threads.texts()));
        this.dimension = dimension;
        this.encoder = load(modelResource, tokenizerResource, threads.threadsPerText());
    }

    @Override
    protected OnnxBertBiEncoder model() {
        return encoder;
    }

    @Override
    protected Integer knownDimension() {
        return dimension;
    }

    private static OnnxBertBiEncoder load(String modelResource, String tokenizerResource, int threadsPerText) {
        ClassLoader loader = ThreadedOnnxEmbeddingModel.class.getClassLoader();
        try (InputStream model = loader.getResourceAsStream(modelResource); InputStream tokenizer = loader.getResourceAsStream(tokenizerResource)) {
            if (model == null || tokenizer == null) {
                throw new ConfigurationException("The embedding model " + modelResource + " is not on the class path");
            }
            OrtEnvironment env = OrtEnvironment.getEnvironment();
            OrtSession.SessionOptions options = new OrtSession.SessionOptions();
            options.setIntraOpNumThreads(threadsPerText);
            options.setInterOpNumThreads(1);
            return new OnnxBertBiEncoder(env, env.createSession(model.readAllBytes(), options), tokenizer, PoolingMode.CLS);
        } catch (IOException | OrtException e) {
            throw new ConfigurationException("Could not load the embedding model " + modelResource + ": " + e.getMessage(), e);
        }
    }

    private static Executor pool(String name, int threads) {
        AtomicInteger n = new AtomicInteger();
        ThreadPoolExecutor pool = new ThreadPoolExecutor(threads, threads, 60, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), r -> {
            Thread t = new Thread(r, "engram-embed-" + name + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        pool.allowCoreThreadTimeOut(true);
        return pool;
    }
}
