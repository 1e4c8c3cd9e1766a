package dev.engram.core.engine;

import dev.langchain4j.model.embedding.EmbeddingModel;

/** An embedding model that embeds search queries differently from the texts it stores (see {@link BilingualEmbeddingModel}). */
public interface QueryEmbeddingModel extends EmbeddingModel {

    /** The vector of a search query. */
    float[] embedQuery(String text);
}
