package dev.engram.core.llm;

import dev.engram.core.error.ConfigurationException;

import java.time.Duration;

/**
 * How to reach the LLM used for fact extraction and reconciliation.
 *
 * @param provider           the model family; {@link LlmProvider#OPENAI} also covers every OpenAI-compatible server
 * @param baseUrl            the API root, e.g. {@code https://api.openai.com/v1} or {@code http://localhost:11434/v1};
 *                           null for the provider's public endpoint
 * @param apiKey             the provider key; may be null for local servers that need none (OpenAI-compatible only)
 * @param model              the model name, e.g. {@code gpt-4.1-mini}, {@code qwen2.5:7b}
 * @param temperature        sampling temperature; defaults to 0 so extraction is as repeatable as the model allows
 * @param timeout            per-call timeout; defaults to 60 s
 * @param maxOutputTokens    cap on generated tokens per call; null for the provider's default
 * @param jsonResponseFormat ask the provider for a JSON object reply ({@code response_format: json_object}); defaults to
 *                           true. Turn it off for servers that reject it (LM Studio only accepts {@code json_schema}); the
 *                           prompts still demand JSON and replies are parsed leniently either way.
 */
public record LlmSettings(LlmProvider provider, String baseUrl, String apiKey, String model, Double temperature,
                          Duration timeout, Integer maxOutputTokens, Boolean jsonResponseFormat) {

    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(60);

    public LlmSettings {
        if (provider == null) provider = LlmProvider.OPENAI;
        baseUrl = blankToNull(baseUrl);
        apiKey = blankToNull(apiKey);
        model = blankToNull(model);
        if (model == null) throw new ConfigurationException("The LLM model name is required (e.g. gpt-4.1-mini)");
        if (temperature == null) temperature = 0.0;
        if (temperature < 0) throw new ConfigurationException("The LLM temperature must not be negative: " + temperature);
        if (timeout == null) timeout = DEFAULT_TIMEOUT;
        if (timeout.isNegative() || timeout.isZero()) {
            throw new ConfigurationException("The LLM timeout must be positive: " + timeout);
        }
        if (maxOutputTokens != null && maxOutputTokens <= 0) {
            throw new ConfigurationException("The LLM max output tokens must be positive: " + maxOutputTokens);
        }
        if (jsonResponseFormat == null) jsonResponseFormat = true;
    }

    /** An OpenAI-compatible endpoint with the defaults (temperature 0, 60 s timeout, JSON replies). */
    public static LlmSettings openAi(String baseUrl, String apiKey, String model) {
        return new LlmSettings(LlmProvider.OPENAI, baseUrl, apiKey, model, null, null, null, null);
    }

    public LlmSettings withTimeout(Duration newTimeout) {
        return new LlmSettings(provider, baseUrl, apiKey, model, temperature, newTimeout, maxOutputTokens, jsonResponseFormat);
    }

    public LlmSettings withTemperature(Double newTemperature) {
        return new LlmSettings(provider, baseUrl, apiKey, model, newTemperature, timeout, maxOutputTokens, jsonResponseFormat);
    }

    public LlmSettings withMaxOutputTokens(Integer tokens) {
        return new LlmSettings(provider, baseUrl, apiKey, model, temperature, timeout, tokens, jsonResponseFormat);
    }

    public LlmSettings withJsonResponseFormat(boolean enabled) {
        return new LlmSettings(provider, baseUrl, apiKey, model, temperature, timeout, maxOutputTokens, enabled);
    }

    /** Never prints the key. */
    @Override
    public String toString() {
        return "LlmSettings[provider=" + provider + ", baseUrl=" + baseUrl + ", apiKey=" + (apiKey == null ? "none" : "***")
                + ", model=" + model + ", temperature=" + temperature + ", timeout=" + timeout
                + ", maxOutputTokens=" + maxOutputTokens + ", jsonResponseFormat=" + jsonResponseFormat + "]";
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
