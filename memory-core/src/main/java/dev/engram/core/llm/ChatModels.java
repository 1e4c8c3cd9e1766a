package dev.engram.core.llm;

import dev.engram.core.error.ConfigurationException;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ResponseFormat;
import dev.langchain4j.model.googleai.GoogleAiGeminiChatModel;
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

    private ChatModels() {
    }

    public static ChatModel create(LlmSettings settings) {
        return switch (settings.provider()) {
            case OPENAI -> openAi(settings);
            case GEMINI -> gemini(settings);
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
