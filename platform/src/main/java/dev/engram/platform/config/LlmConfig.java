package dev.engram.platform.config;

import dev.engram.core.llm.LlmSettings;

import java.util.Optional;

/**
 * {@code engram.llm.*}: the optional OpenAI-compatible LLM for extraction and reconciliation, read by every app that
 * processes adds (the gateway in standalone mode, the ingest workers). A nested group of each app's {@code @ConfigMapping}.
 */
public interface LlmConfig {

    /** The OpenAI-compatible API root, e.g. {@code http://localhost:11434/v1}; unset for the provider's public endpoint. */
    Optional<String> baseUrl();

    /** The provider key; unset for local servers that need none. */
    Optional<String> apiKey();

    /** The model name; the LLM is used only when this is set. */
    Optional<String> model();

    /** The settings of the configured LLM, or empty when no model is set (the offline extractor is used). */
    default Optional<LlmSettings> settings() {
        return model().map(m -> LlmSettings.openAi(baseUrl().orElse(null), apiKey().orElse(null), m));
    }
}
