package dev.engram.platform.config;

import dev.engram.core.llm.ChatModels;
import dev.engram.core.llm.LlmProvider;
import dev.engram.core.llm.LlmSettings;
import dev.langchain4j.model.anthropic.AnthropicChatModel;
import dev.langchain4j.model.ollama.OllamaChatModel;
import dev.langchain4j.model.openai.OpenAiChatModel;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@code engram.llm.*} as SmallRye Config reads it, and the chat model each provider setting builds. */
class LlmConfigTest {

    @ConfigMapping(prefix = "engram.llm")
    interface Llm extends LlmConfig {
    }

    private static LlmConfig read(Map<String, String> properties) {
        SmallRyeConfig config = new SmallRyeConfigBuilder()
                .withSources(new PropertiesConfigSource(properties, "test", 500))
                .withMapping(Llm.class)
                .withConverter(java.time.Duration.class, 200, new io.quarkus.runtime.configuration.DurationConverter()) // Quarkus' "20s"
                .build();
        return config.getConfigMapping(Llm.class);
    }

    @Test
    void noModelMeansNoLlm() {
        assertThat(read(Map.of("engram.llm.provider", "anthropic")).settings()).isEmpty();
    }

    @Test
    void theProviderDefaultsToOpenAiCompatible() {
        LlmSettings settings = read(Map.of("engram.llm.model", "qwen2.5:7b", "engram.llm.base-url", "http://localhost:11434/v1"))
                .settings().orElseThrow();

        assertThat(settings.provider()).isEqualTo(LlmProvider.OPENAI);
        assertThat(settings.jsonResponseFormat()).isTrue();
        assertThat(settings.maxOutputTokens()).isNull();
        assertThat(ChatModels.create(settings)).isInstanceOf(OpenAiChatModel.class);
    }

    @Test
    void anthropicWithItsKeyAndTokenCap() {
        LlmSettings settings = read(Map.of("engram.llm.provider", "anthropic", "engram.llm.api-key", "sk-ant-test",
                "engram.llm.model", "claude-haiku-4-5", "engram.llm.max-output-tokens", "2048")).settings().orElseThrow();

        assertThat(settings).isEqualTo(new LlmSettings(LlmProvider.ANTHROPIC, null, "sk-ant-test", "claude-haiku-4-5", null,
                null, 2048, true));
        assertThat(ChatModels.create(settings)).isInstanceOf(AnthropicChatModel.class);
    }

    @Test
    void ollamaNativeNeedsNoKeyAndCanTurnJsonModeOff() {
        LlmSettings settings = read(Map.of("engram.llm.provider", "OLLAMA", "engram.llm.model", "llama3.2",
                "engram.llm.json-response-format", "false")).settings().orElseThrow();

        assertThat(settings.provider()).isEqualTo(LlmProvider.OLLAMA);
        assertThat(settings.apiKey()).isNull();
        assertThat(settings.jsonResponseFormat()).isFalse();
        assertThat(ChatModels.create(settings)).isInstanceOf(OllamaChatModel.class);
    }

    @Test
    void anUnknownProviderIsRefusedAtStart() {
        assertThatThrownBy(() -> read(Map.of("engram.llm.provider", "mistral", "engram.llm.model", "m")))
                .hasMessageContaining("engram.llm.provider");
    }

    @Test
    void namedProfilesHaveTheDefaultsKeysAndTheirOwnDefaults() {
        LlmConfig config = read(Map.of(
                "engram.llm.model", "gpt-4.1-mini",
                "engram.llm.profiles.claude.provider", "anthropic",
                "engram.llm.profiles.claude.api-key", "sk-ant-test",
                "engram.llm.profiles.claude.model", "claude-haiku-4-5",
                "engram.llm.profiles.claude.timeout", "20s",
                "engram.llm.profiles.local.base-url", "http://localhost:11434/v1",
                "engram.llm.profiles.local.model", "qwen2.5:7b",
                "engram.llm.profiles.local.json-response-format", "false",
                "engram.llm.profiles.local.max-output-tokens", "512"));

        assertThat(config.settings().orElseThrow().model()).isEqualTo("gpt-4.1-mini");
        Map<String, LlmSettings> profiles = config.profileSettings();
        assertThat(profiles).containsOnlyKeys("claude", "local");
        assertThat(profiles.get("claude")).isEqualTo(new LlmSettings(LlmProvider.ANTHROPIC, null, "sk-ant-test", "claude-haiku-4-5", null,
                java.time.Duration.ofSeconds(20), null, true));
        assertThat(profiles.get("local")).isEqualTo(new LlmSettings(LlmProvider.OPENAI, "http://localhost:11434/v1", null, "qwen2.5:7b", null,
                null, 512, false));
        assertThat(ChatModels.create(profiles.get("claude"))).isInstanceOf(AnthropicChatModel.class);
    }

    @Test
    void aProfileCanComeFromEnvironmentVariablesAlone() {
        SmallRyeConfig config = new SmallRyeConfigBuilder()
                .withSources(new io.smallrye.config.EnvConfigSource(Map.of("ENGRAM_LLM_PROFILES_CLAUDE_PROVIDER", "anthropic",
                        "ENGRAM_LLM_PROFILES_CLAUDE_MODEL", "claude-haiku-4-5", "ENGRAM_LLM_PROFILES_CLAUDE_API_KEY", "k"), 300))
                .withMapping(Llm.class)
                .build();

        Map<String, LlmSettings> profiles = config.getConfigMapping(Llm.class).profileSettings();

        assertThat(profiles).containsOnlyKeys("claude");
        assertThat(profiles.get("claude").provider()).isEqualTo(LlmProvider.ANTHROPIC);
        assertThat(profiles.get("claude").apiKey()).isEqualTo("k");
    }

    @Test
    void noProfilesByDefault() {
        assertThat(read(Map.of("engram.llm.model", "m")).profileSettings()).isEmpty();
    }

    @Test
    void aProfileWithoutAModelOrWithABadNameIsRefused() {
        assertThatThrownBy(() -> read(Map.of("engram.llm.profiles.claude.provider", "anthropic")).profileSettings())
                .hasMessageContaining("engram.llm.profiles.claude.model is required");
        assertThatThrownBy(() -> read(Map.of("engram.llm.profiles.\"a b\".model", "m")).profileSettings())
                .hasMessageContaining("is not a profile name");
        assertThatThrownBy(() -> read(Map.of("engram.llm.profiles.x.provider", "mistral", "engram.llm.profiles.x.model", "m")))
                .hasMessageContaining("engram.llm.profiles.x.provider");
    }
}
