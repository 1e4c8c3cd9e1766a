package dev.engram.core.llm;

import dev.engram.core.error.ConfigurationException;
import dev.langchain4j.model.anthropic.AnthropicChatModel;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ResponseFormat;
import dev.langchain4j.model.googleai.GoogleAiGeminiChatModel;
import dev.langchain4j.model.ollama.OllamaChatModel;
import dev.langchain4j.model.openai.OpenAiChatModel;

import java.net.URI;

/**
 * Builds the LangChain4j {@link ChatModel} for {@link LlmSettings}.
 *
 * <p>The models are built with LangChain4j's own retries turned off: {@link LlmExtractor} and {@link LlmReconciler} bound
 * the calls themselves (one corrective retry on an invalid reply, then the offline fallback), so a failing provider costs
 * at most two calls per phase.
 */
public final class ChatModels {

    /** Local OpenAI-compatible servers (Ollama, vLLM) accept any key; LangChain4j's client wants one. */
    private static final String NO_KEY = "not-needed";

    /** Anthropic requires {@code max_tokens}; enough for a long session's facts. */
    static final int ANTHROPIC_DEFAULT_MAX_TOKENS = 4096;

    private static final String OLLAMA_DEFAULT_URL = "http://localhost:11434";

    private ChatModels() {
    }

    public static ChatModel create(LlmSettings settings) {
        return switch (settings.provider()) {
            case OPENAI -> openAi(settings);
            case GEMINI -> gemini(settings);
            case ANTHROPIC -> anthropic(settings);
            case OLLAMA -> ollama(settings);
        };
    }

    private static ChatModel openAi(LlmSettings s) {
        OpenAiChatModel.OpenAiChatModelBuilder builder = OpenAiChatModel.builder()
                .modelName(s.model())
                .apiKey(s.apiKey() == null ? NO_KEY : s.apiKey())
                .temperature(s.temperature())
                .timeout(s.timeout())
                .maxRetries(0);
        if (s.baseUrl() != null) builder.baseUrl(s.baseUrl());
        if (s.maxOutputTokens() != null) {
            // OpenAI's newer models only take max_completion_tokens; most compatible servers only know max_tokens.
            if (isOpenAiItself(s.baseUrl())) builder.maxCompletionTokens(s.maxOutputTokens());
            else builder.maxTokens(s.maxOutputTokens());
        }
        if (s.jsonResponseFormat()) builder.responseFormat(ResponseFormat.JSON);
        return builder.build();
    }

    private static ChatModel gemini(LlmSettings s) {
        if (s.apiKey() == null) throw new ConfigurationException("The Gemini provider needs an API key");
        GoogleAiGeminiChatModel.GoogleAiGeminiChatModelBuilder builder = GoogleAiGeminiChatModel.builder()
                .modelName(s.model())
                .apiKey(s.apiKey())
                .temperature(s.temperature())
                .timeout(s.timeout())
                .maxRetries(0);
        if (s.baseUrl() != null) builder.baseUrl(s.baseUrl());
        if (s.maxOutputTokens() != null) builder.maxOutputTokens(s.maxOutputTokens());
        if (s.jsonResponseFormat()) builder.responseFormat(ResponseFormat.JSON);
        return builder.build();
    }

    /**
     * Anthropic's Messages API has no plain JSON mode, so {@link LlmSettings#jsonResponseFormat()} does not apply: the
     * prompts demand JSON and the replies are parsed leniently, as for every provider. The API requires a token cap.
     */
    private static ChatModel anthropic(LlmSettings s) {
        if (s.apiKey() == null) throw new ConfigurationException("The Anthropic provider needs an API key");
        AnthropicChatModel.AnthropicChatModelBuilder builder = AnthropicChatModel.builder()
                .modelName(s.model())
                .apiKey(s.apiKey())
                .temperature(s.temperature())
                .timeout(s.timeout())
                .maxTokens(s.maxOutputTokens() == null ? ANTHROPIC_DEFAULT_MAX_TOKENS : s.maxOutputTokens())
                .maxRetries(0);
        if (s.baseUrl() != null) builder.baseUrl(s.baseUrl());
        return builder.build();
    }

    /** Ollama's native chat: {@code format: "json"} for JSON replies, {@code num_predict} for the token cap. */
    private static ChatModel ollama(LlmSettings s) {
        OllamaChatModel.OllamaChatModelBuilder builder = OllamaChatModel.builder();
        builder.maxRetries(0);
        builder.baseUrl(s.baseUrl() == null ? OLLAMA_DEFAULT_URL : s.baseUrl())
                .modelName(s.model())
                .temperature(s.temperature())
                .timeout(s.timeout());
        if (s.maxOutputTokens() != null) builder.numPredict(s.maxOutputTokens());
        if (s.jsonResponseFormat()) builder.responseFormat(ResponseFormat.JSON);
        return builder.build();
    }

    private static boolean isOpenAiItself(String baseUrl) {
        if (baseUrl == null) return true;
        try {
            String host = URI.create(baseUrl).getHost();
            return host != null && host.endsWith("openai.com");
        } catch (IllegalArgumentException e) {
            throw new ConfigurationException("The LLM base URL is not a valid URL: " + baseUrl, e);
        }
    }
}
