package dev.engram.core.llm;

import com.fasterxml.jackson.databind.JsonNode;
import dev.engram.core.domain.MemoryRecord;
import dev.engram.core.domain.MemoryState;
import dev.engram.core.domain.Message;
import dev.engram.core.domain.Scope;
import dev.engram.core.domain.TokenUsage;
import dev.engram.core.extract.Extraction;
import dev.engram.core.extract.ExtractionRequest;
import dev.engram.core.extract.Fact;
import dev.engram.core.reconcile.Candidate;
import dev.engram.core.reconcile.Decision;
import dev.engram.core.reconcile.FactCandidates;
import dev.engram.core.reconcile.Reconciler;
import dev.engram.core.reconcile.Reconciliation;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Each provider (OpenAI-compatible, Anthropic's Messages API, Ollama's {@code /api/chat}, Gemini) through its real
 * LangChain4j chat model over real HTTP against a server scripted in that provider's wire format: the request it sends,
 * the facts and token usage read from its reply, the corrective retry after an invalid (non-JSON) reply, and the
 * offline fallback after two invalid replies or an HTTP error.
 */
class LlmProvidersTest {

    private static final Instant NOW = Instant.parse("2026-12-07T09:00:00Z");
    private static final Fact OFFLINE_FACT = CountingFallbackExtractor.FACT;

    private ScriptedChatServer server;
    private final CountingFallbackExtractor offline = new CountingFallbackExtractor();
    private final AtomicInteger fallbackCalls = offline.calls();

    @AfterEach
    void stopServer() {
        if (server != null) server.close();
    }

    private LlmExtractor extractor(LlmProvider provider) {
        server = ScriptedChatServer.start(provider);
        return new LlmExtractor(ChatModels.create(server.settings("test-key", "test-model")), offline);
    }

    private static ExtractionRequest moved() {
        return new ExtractionRequest(List.of(
                Message.system("You are a helpful assistant.").at(NOW),
                Message.user("I moved to Berlin last week and I prefer React with TypeScript.").at(NOW)),
                Scope.user("alice"), NOW, ZoneOffset.UTC, null, Map.of());
    }

    @ParameterizedTest
    @EnumSource(value = LlmProvider.class, names = {"OPENAI", "ANTHROPIC", "OLLAMA", "GEMINI"})
    void extractsFactsAndCountsTokensInTheProvidersWireFormat(LlmProvider provider) {
        LlmExtractor extractor = extractor(provider);
        server.reply("{\"facts\":[\"Lives in Berlin\",\"Prefers React with TypeScript\"]}", 120, 14);

        Extraction extraction = extractor.extract(moved());

        assertThat(extraction.extractor()).isEqualTo("llm");
        assertThat(extraction.facts()).extracting(Fact::text)
                .containsExactly("Lives in Berlin", "Prefers React with TypeScript");
        assertThat(extraction.usage()).isEqualTo(new TokenUsage(120, 14, 1));
        ScriptedChatServer.Exchange request = server.exchanges().getFirst();
        JsonNode body = request.body();
        if (provider != LlmProvider.GEMINI) assertThat(body.path("model").asText()).isEqualTo("test-model");
        assertThat(server.promptOf(0)).contains("I moved to Berlin last week");
        switch (provider) {
            case OPENAI -> {
                assertThat(request.path()).isEqualTo("/v1/chat/completions");
                assertThat(request.headers().get("authorization")).isEqualTo("Bearer test-key");
                assertThat(body.path("temperature").asDouble()).isZero();
                assertThat(body.path("response_format").path("type").asText()).isEqualTo("json_object");
            }
            case ANTHROPIC -> {
                assertThat(request.path()).isEqualTo("/v1/messages");
                assertThat(request.headers().get("x-api-key")).isEqualTo("test-key");
                assertThat(request.headers()).containsKey("anthropic-version");
                assertThat(body.path("max_tokens").asInt()).isEqualTo(ChatModels.ANTHROPIC_DEFAULT_MAX_TOKENS);
                assertThat(body.path("temperature").asDouble()).isZero();
                // The Messages API takes the system prompt beside the messages, never as a message.
                assertThat(ScriptedChatServer.text(body.path("system"))).isNotBlank();
                assertThat(body.path("messages")).allSatisfy(m -> assertThat(m.path("role").asText()).isNotEqualTo("system"));
            }
            case OLLAMA -> {
                assertThat(request.path()).isEqualTo("/api/chat");
                assertThat(body.path("stream").asBoolean(true)).isFalse();
                assertThat(body.path("format").asText()).isEqualTo("json");
                assertThat(body.path("options").path("temperature").asDouble()).isZero();
            }
            case GEMINI -> {
                assertThat(request.path()).isEqualTo("/v1beta/models/test-model:generateContent");
                assertThat(request.headers().get("x-goog-api-key")).isEqualTo("test-key");
                assertThat(body.path("generationConfig").path("temperature").asDouble()).isZero();
                assertThat(body.path("generationConfig").path("responseMimeType").asText()).isEqualTo("application/json");
            }
        }
    }

    @ParameterizedTest
    @EnumSource(value = LlmProvider.class, names = {"ANTHROPIC", "OLLAMA", "GEMINI"})
    void anInvalidReplyIsCorrectedOnceThenTheOfflineExtractorTakesOver(LlmProvider provider) {
        LlmExtractor extractor = extractor(provider);
        server.reply("Sure! Alice lives in Berlin.", 100, 10)
                .reply("{\"facts\":[\"Lives in Berlin\"]}", 130, 12)
                .reply("still not JSON", 100, 10)
                .reply("[\"an array, not an object\"]", 110, 11);

        Extraction corrected = extractor.extract(moved());
        Extraction fallback = extractor.extract(moved());

        assertThat(corrected.extractor()).isEqualTo("llm");
        assertThat(corrected.facts()).extracting(Fact::text).containsExactly("Lives in Berlin");
        assertThat(corrected.usage()).isEqualTo(new TokenUsage(230, 22, 2));
        assertThat(server.promptOf(1)).contains("did not contain a JSON object");
        assertThat(fallback.extractor()).isEqualTo("offline");
        assertThat(fallback.facts()).containsExactly(OFFLINE_FACT);
        assertThat(fallback.usage()).isEqualTo(new TokenUsage(210, 21, 2));
        assertThat(server.requestCount()).isEqualTo(4);
        assertThat(fallbackCalls).hasValue(1);
    }

    @ParameterizedTest
    @EnumSource(value = LlmProvider.class, names = {"ANTHROPIC", "OLLAMA", "GEMINI"})
    void anHttpErrorFallsBackWithoutRetrying(LlmProvider provider) {
        LlmExtractor extractor = extractor(provider);
        server.error(529).reply("{\"facts\":[\"never asked\"]}");

        Extraction extraction = extractor.extract(moved());

        assertThat(extraction.extractor()).isEqualTo("offline");
        assertThat(extraction.facts()).containsExactly(OFFLINE_FACT);
        assertThat(server.requestCount()).isEqualTo(1);
    }

    @ParameterizedTest
    @EnumSource(value = LlmProvider.class, names = {"ANTHROPIC", "OLLAMA", "GEMINI"})
    void reconcilesThroughTheProvider(LlmProvider provider) {
        server = ScriptedChatServer.start(provider);
        Reconciler offlineReconciler = facts -> new Reconciliation(List.of(), TokenUsage.NONE);
        LlmReconciler reconciler = new LlmReconciler(ChatModels.create(server.settings("k", "m")), offlineReconciler);
        Instant created = Instant.parse("2026-01-01T00:00:00Z");
        MemoryRecord paris = new MemoryRecord(UUID.randomUUID(), Scope.user("alice"), "Lives in Paris", null, null, "user",
                null, null, created, created, null, null, false, MemoryState.ACTIVE, null, List.of(), null);
        Fact berlin = new Fact("Lives in Berlin", List.of(0), "user", "user", null, null, List.of());
        server.reply("{\"memory\":[{\"id\":\"0\",\"text\":\"Lives in Berlin\",\"event\":\"UPDATE\",\"old_memory\":\"Lives in Paris\"}]}",
                200, 30);

        Reconciliation result = reconciler.reconcile(List.of(new FactCandidates(berlin, List.of(new Candidate(paris, 0.8)))));

        assertThat(result.usage()).isEqualTo(new TokenUsage(200, 30, 1));
        assertThat(result.decisions()).singleElement().isInstanceOfSatisfying(Decision.Update.class, u -> {
            assertThat(u.target()).isEqualTo(paris.id());
            assertThat(u.newText()).isEqualTo("Lives in Berlin");
        });
        assertThat(server.promptOf(0)).contains("Lives in Paris").contains("Lives in Berlin");
    }
}
