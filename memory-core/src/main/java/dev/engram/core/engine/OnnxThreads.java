package dev.engram.core.engine;

/**
 * How the in-process ONNX models use threads: {@code texts} texts of a batch embedded at once, each on
 * {@code threadsPerText} ONNX intra-op threads.
 */
public record OnnxThreads(int texts, int threadsPerText) {

    public OnnxThreads {
        if (texts < 1 || threadsPerText < 1) throw new IllegalArgumentException("ONNX thread counts must be at least 1");
    }

    /** One text per available processor, each on one thread (no intra-op pool competing with the other texts). */
    public static OnnxThreads perProcessor() {
        return new OnnxThreads(Runtime.getRuntime().availableProcessors(), 1);
    }
}
