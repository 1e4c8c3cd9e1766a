package dev.engram.platform.config;

import dev.engram.core.error.ConfigurationException;
import dev.engram.core.llm.LlmProvider;
import dev.engram.core.llm.LlmSettings;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The keys of one LLM: the default one ({@code engram.llm.*}) and each named profile
 * ({@code engram.llm.profiles.<name>.*}) share them.
 */
public interface LlmProfileConfig {

    /**
     * The wire format: {@code openai} (any OpenAI-compatible server: OpenAI, vLLM, LM Studio, LiteLLM, Ollama's
     * {@code /v1}), {@code anthropic} (the Messages API), {@code ollama} (Ollama's native {@code /api/chat}) or
     * {@code gemini} (Google AI).
     */
    @WithDefault("openai")
    LlmProvider provider();

    /**
     * The API root, e.g. {@code http://localhost:11434/v1} (OpenAI-compatible) or {@code http://localhost:11434}
     * (Ollama native); unset for the provider's public endpoint (Ollama: {@code http://localhost:11434}).
     */
    Optional<String> baseUrl();

    /** The provider key; required by Anthropic and Gemini, unset for local servers that need none. */
    Optional<String> apiKey();

    /** The model name; the default LLM is used only when this is set, and a named profile requires it. */
    Optional<String> model();

    /** Cap on generated tokens per call; unset for the provider's default (Anthropic, which requires one: 4096). */
    OptionalInt maxOutputTokens();

    /**
     * Ask for JSON replies (OpenAI {@code response_format: json_object}, Ollama {@code format: json}, Gemini's JSON
     * MIME type). Turn off for servers that reject it; Anthropic has no such mode. The prompts demand JSON either way.
     */
    @WithDefault("true")
    boolean jsonResponseFormat();

    /**
     * The model reads images: an add whose message content is an {@code image_url} is described by this model and the
     * description is remembered. Off by default, and then such an add is refused (415).
     */
    @WithDefault("false")
    boolean vision();

    /** Per-call timeout, e.g. {@code 30s}; unset for 60 s. */
    Optional<Duration> timeout();

    /** These keys as settings, or empty when no model is set. */
    default Optional<LlmSettings> settings() {
        return model().map(m -> new LlmSettings(provider(), baseUrl().orElse(null), apiKey().orElse(null), m, null, timeout().orElse(null),
                maxOutputTokens().isPresent() ? maxOutputTokens().getAsInt() : null, jsonResponseFormat()));
    }

    /** The settings of the named profile {@code name}, which must set a model. */
    default LlmSettings profileSettings(String name) {
        return settings().orElseThrow(() -> new ConfigurationException("engram.llm.profiles." + name + ".model is required"));
    }
}
