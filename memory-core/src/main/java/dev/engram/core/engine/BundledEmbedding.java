package dev.engram.core.engine;

/**
 * The in-process embedding models Engram ships (ONNX, from Maven artifacts; nothing is downloaded), each with the
 * fusion weights measured best with it on the LongMemEval_S development set (docs/quality.md). An index records the
 * model that filled it; changing the model of an existing index needs a reindex into a new one.
 */
public enum BundledEmbedding {

    /** bge-small-zh-v1.5, quantized, 512 dimensions: Chinese-first, reads English too. */
    BGE_SMALL_ZH(Embedder.DEFAULT_MODEL_NAME, 512),

    /**
     * bge-small-zh-v1.5 for Chinese, Japanese and Korean text beside bge-small-en-v1.5 for the rest, 896 dimensions: each
     * stored text by the model of its language, each query by both. Far better on English conversations.
     */
    BILINGUAL(Embedder.BILINGUAL_MODEL_NAME, 512 + 384);

    private final String indexName;
    private final int dimension;

    BundledEmbedding(String indexName, int dimension) {
        this.indexName = indexName;
        this.dimension = dimension;
    }

    /** The model for a new index. */
    public static final BundledEmbedding FOR_NEW_INDEXES = BILINGUAL;

    /** The bundled model recorded under {@code embedderName} in an index, if it is one (no model is loaded to tell). */
    public static java.util.Optional<BundledEmbedding> named(String embedderName) {
        for (BundledEmbedding m : values()) if (m.indexName.equals(embedderName)) return java.util.Optional.of(m);
        return java.util.Optional.empty();
    }

    /** The bundled model producing vectors of {@code dimension}, if any (no model is loaded to tell). */
    public static java.util.Optional<BundledEmbedding> ofDimension(int dimension) {
        for (BundledEmbedding m : values()) if (m.dimension == dimension) return java.util.Optional.of(m);
        return java.util.Optional.empty();
    }

    public Embedder embedder() {
        return this == BILINGUAL ? Embedder.bilingual() : Embedder.defaultEmbedder();
    }

    /** The retrieval settings measured best with this model: the bilingual model's cosine earns a larger share. */
    public RetrievalSettings retrieval() {
        RetrievalSettings defaults = RetrievalSettings.defaults();
        return this == BILINGUAL ? defaults.withVectorShare(0.7) : defaults;
    }
}
