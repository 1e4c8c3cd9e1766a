package dev.engram.core.llm;

import dev.engram.core.error.ConfigurationException;
import dev.langchain4j.model.googleai.GoogleAiGeminiChatModel;
import dev.langchain4j.model.openai.OpenAiChatModel;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LlmSettingsTest {

    @Test
    void defaultsToTemperatureZeroSixtySecondsAndJsonReplies() {
        LlmSettings s = LlmSettings.openAi(" http://localhost:11434/v1 ", " ", "qwen2.5:7b");

        assertThat(s.provider()).isEqualTo(LlmProvider.OPENAI);
        assertThat(s.baseUrl()).isEqualTo("http://localhost:11434/v1");
        assertThat(s.apiKey()).isNull();
        assertThat(s.temperature()).isZero();
        assertThat(s.timeout()).isEqualTo(Duration.ofSeconds(60));
        assertThat(s.maxOutputTokens()).isNull();
        assertThat(s.jsonResponseFormat()).isTrue();
    }

    @Test
    void rejectsSettingsThatCannotWork() {
        assertThatThrownBy(() -> LlmSettings.openAi(null, "k", " ")).isInstanceOf(ConfigurationException.class);
        LlmSettings ok = LlmSettings.openAi(null, "k", "m");
        assertThatThrownBy(() -> ok.withTimeout(Duration.ZERO)).isInstanceOf(ConfigurationException.class);
        assertThatThrownBy(() -> ok.withTemperature(-0.5)).isInstanceOf(ConfigurationException.class);
        assertThatThrownBy(() -> ok.withMaxOutputTokens(0)).isInstanceOf(ConfigurationException.class);
        assertThatThrownBy(() -> ChatModels.create(new LlmSettings(LlmProvider.GEMINI, null, null, "gemini-2.5-flash",
                null, null, null, null))).isInstanceOf(ConfigurationException.class).hasMessageContaining("API key");
        assertThatThrownBy(() -> ChatModels.create(LlmSettings.openAi("not a url", "k", "m").withMaxOutputTokens(10)))
                .isInstanceOf(ConfigurationException.class);
    }

    @Test
    void neverPrintsTheApiKey() {
        assertThat(LlmSettings.openAi(null, "sk-secret-123", "m").toString()).doesNotContain("sk-secret-123").contains("***");
    }

    @Test
    void buildsTheModelOfEachProvider() {
        assertThat(ChatModels.create(LlmSettings.openAi(null, "k", "gpt-4.1-mini").withMaxOutputTokens(500)))
                .isInstanceOf(OpenAiChatModel.class);
        assertThat(ChatModels.create(new LlmSettings(LlmProvider.GEMINI, null, "k", "gemini-2.5-flash", 0.0,
                Duration.ofSeconds(5), 500, true))).isInstanceOf(GoogleAiGeminiChatModel.class);
    }
}
