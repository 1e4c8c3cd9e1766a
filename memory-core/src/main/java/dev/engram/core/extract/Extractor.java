package dev.engram.core.extract;

/**
 * Turns a conversation into atomic facts. Implementations: the offline rule-based extractor (default, no network) and
 * the LLM extractor (optional; falls back to the offline one when the model fails).
 */
public interface Extractor {

    Extraction extract(ExtractionRequest request);

    /** A short name for metrics and results ("offline", "llm"). */
    String name();

    /** The extractor for adds that must not call a model ({@code AddRequest.offlineOnly}): this one unless it calls one. */
    default Extractor offline() {
        return this;
    }
}
