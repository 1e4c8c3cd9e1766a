package dev.engram.core.llm;

import com.fasterxml.jackson.databind.JsonNode;
import dev.engram.core.domain.Message;
import dev.engram.core.domain.Scope;
import dev.engram.core.domain.TokenUsage;
import dev.engram.core.extract.Extraction;
import dev.engram.core.extract.ExtractionRequest;
import dev.engram.core.extract.Fact;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/** The LLM extractor with the real {@code OpenAiChatModel} talking HTTP to a scripted OpenAI-compatible server. */
class LlmExtractorTest {

    private static final ZoneId PARIS = ZoneId.of("Europe/Paris");
    private static final Instant MONDAY_MORNING = Instant.parse("2026-11-23T08:30:00Z");
    private static final Instant NOW = Instant.parse("2026-11-24T09:00:00Z");
    private static final Fact OFFLINE_FACT = CountingFallbackExtractor.FACT;

    private ScriptedChatServer server;
    private final CountingFallbackExtractor offline = new CountingFallbackExtractor();
    private final AtomicInteger fallbackCalls = offline.calls();

    @BeforeEach
    void startServer() {
        server = ScriptedChatServer.start();
    }

    @AfterEach
    void stopServer() {
        server.close();
    }

    private LlmExtractor extractor() {
        return extractor(LlmSettings.openAi(server.baseUrl(), "test-key", "test-model"));
    }

    private LlmExtractor extractor(LlmSettings settings) {
        return new LlmExtractor(ChatModels.create(settings), offline);
    }

    private static ExtractionRequest conversation(Scope scope, String instructions, Map<String, String> categories,
                                                  Message... messages) {
        return new ExtractionRequest(List.of(messages), scope, NOW, PARIS, instructions, categories);
    }

    private static ExtractionRequest aliceMoved() {
        Map<String, String> categories = new LinkedHashMap<>();
        categories.put("personal_details", "Names, places, relationships");
        categories.put("food", "What the user eats and drinks");
        return conversation(Scope.user("alice"), "Write every fact in the third person.", categories,
                Message.system("You are a helpful assistant.").at(MONDAY_MORNING),
                Message.user("Hi!").at(MONDAY_MORNING).named("Alice"),
                Message.user("I moved to Berlin yesterday.\nIt is cold.").at(MONDAY_MORNING.plusSeconds(60)).named("Alice"),
                Message.assistant("Welcome to Berlin!").at(MONDAY_MORNING.plusSeconds(61)));
    }

    @Test
    void mapsTheRichObjectFormToFacts() {
        server.reply("""
                {"facts":[{"text":"Alice moved to Berlin on 2026-11-22","speaker":"alice","event_date":"2026-11-22",
                  "attribute":"Location","categories":["Personal_Details","bogus"],"source_messages":[2, 9, -1]}]}""",
                321, 45);

        Extraction extraction = extractor().extract(aliceMoved());

        assertThat(extraction.extractor()).isEqualTo("llm");
        assertThat(extraction.usage()).isEqualTo(new TokenUsage(321, 45, 1));
        assertThat(extraction.facts()).singleElement().satisfies(fact -> {
            assertThat(fact.text()).isEqualTo("Alice moved to Berlin on 2026-11-22");
            assertThat(fact.speaker()).isEqualTo("Alice");
            assertThat(fact.role()).isEqualTo("user");
            assertThat(fact.slot()).isEqualTo("alice|location");
            assertThat(fact.categories()).containsExactly("personal_details");
            assertThat(fact.messageIndexes()).containsExactly(2);
            // the start of that day in the request's zone, not in UTC
            assertThat(fact.eventTime()).isEqualTo(LocalDate.of(2026, 11, 22).atStartOfDay(PARIS).toInstant());
        });
        assertThat(fallbackCalls).hasValue(0);
    }

    @Test
    void acceptsMem0PlainStringsAndFactDictionaries() {
        server.reply("""
                {"facts":["Likes green tea", {"fact":"Has a dog named Rex"}, {"text":"likes green tea"}, 42, "", {"x":1}]}""");

        Extraction extraction = extractor().extract(aliceMoved());

        assertThat(extraction.facts()).extracting(Fact::text).containsExactly("Likes green tea", "Has a dog named Rex");
        assertThat(extraction.facts()).allSatisfy(fact -> {
            assertThat(fact.messageIndexes()).containsExactly(2); // the last user message
            assertThat(fact.speaker()).isEqualTo("Alice");
            assertThat(fact.eventTime()).isNull();
            assertThat(fact.slot()).isNull();
            assertThat(fact.categories()).isEmpty();
        });
    }

    @Test
    void sendsTemperatureZeroJsonFormatInstructionsCategoriesAndMessageTimes() {
        server.reply("{\"facts\":[]}");

        Extraction extraction = extractor().extract(aliceMoved());

        assertThat(extraction.facts()).isEmpty();
        assertThat(extraction.extractor()).isEqualTo("llm");
        JsonNode request = server.requests().getFirst();
        assertThat(request.path("model").asText()).isEqualTo("test-model");
        assertThat(request.path("temperature").isNumber()).isTrue();
        assertThat(request.path("temperature").asDouble()).isZero();
        assertThat(request.path("response_format").path("type").asText()).isEqualTo("json_object");
        assertThat(request.path("messages").get(0).path("role").asText()).isEqualTo("system");

        String prompt = server.promptOf(0);
        assertThat(prompt)
                .contains("Write every fact in the third person.")
                .contains("- personal_details: Names, places, relationships")
                .contains("- food: What the user eats and drinks")
                .contains("Today is 2026-11-24 (Tuesday), time zone Europe/Paris")
                .contains("ONLY from messages with the role \"user\"")
                // one line per message: index, time in the request's zone, day, role, name; line breaks escaped
                .contains("[0] 2026-11-23 09:30 Mon system: You are a helpful assistant.")
                .contains("[1] 2026-11-23 09:30 Mon user (Alice): Hi!")
                .contains("[2] 2026-11-23 09:31 Mon user (Alice): I moved to Berlin yesterday.\\nIt is cold.")
                .contains("[3] 2026-11-23 09:31 Mon assistant: Welcome to Berlin!");
    }

    @Test
    void omitsTheResponseFormatWhenTheSettingsSaySo() {
        server.reply("{\"facts\":[\"Likes tea\"]}");

        extractor(LlmSettings.openAi(server.baseUrl(), null, "local-model").withJsonResponseFormat(false)).extract(aliceMoved());

        assertThat(server.requests().getFirst().has("response_format")).isFalse();
    }

    @Test
    void answersFromTheResponderOnceTheScriptIsUsedUp() {
        server.respondWith(request -> request.toString().contains("Berlin")
                ? "{\"facts\":[\"Lives in Berlin\"]}" : "{\"facts\":[]}");
        LlmExtractor extractor = extractor();

        Extraction berlin = extractor.extract(aliceMoved());
        Extraction nothing = extractor.extract(conversation(Scope.user("bob"), null, Map.of(), Message.user("Hello")));

        assertThat(berlin.facts()).extracting(Fact::text).containsExactly("Lives in Berlin");
        assertThat(nothing.facts()).isEmpty();
        assertThat(server.requestCount()).isEqualTo(2);
    }

    @Test
    void usesTheAgentVariantWhenAnAgentIsInScopeAndTheAssistantSpoke() {
        server.reply("{\"facts\":[\"The assistant answers in French\"]}");
        ExtractionRequest request = conversation(Scope.agent("travel-bot").withUser("alice"), null, Map.of(),
                Message.user("Can you speak French?").at(MONDAY_MORNING),
                Message.assistant("Oui, je réponds toujours en français.").at(MONDAY_MORNING.plusSeconds(5)),
                Message.user("Great").at(MONDAY_MORNING.plusSeconds(9)));

        Extraction extraction = extractor().extract(request);

        assertThat(server.promptOf(0)).contains("ONLY from messages with the role \"assistant\"");
        assertThat(extraction.facts()).singleElement().satisfies(fact -> {
            assertThat(fact.messageIndexes()).containsExactly(1); // the last assistant message
            assertThat(fact.role()).isEqualTo("assistant");
            assertThat(fact.speaker()).isEqualTo("assistant");
        });
    }

    @Test
    void usesTheUserVariantWhenTheAgentDidNotSpeak() {
        server.reply("{\"facts\":[]}");
        extractor().extract(conversation(Scope.agent("travel-bot"), null, Map.of(), Message.user("I like trains")));

        assertThat(server.promptOf(0)).contains("ONLY from messages with the role \"user\"");
    }

    @Test
    void stripsReasoningAndCodeFences() {
        server.reply("<think>The user moved. {not json}</think>\n```json\n{\"facts\":[\"Lives in Berlin\"]}\n```");

        assertThat(extractor().extract(aliceMoved()).facts()).extracting(Fact::text).containsExactly("Lives in Berlin");
    }

    @Test
    void retriesOnceAfterAnInvalidReplyAndSucceeds() {
        server.reply("Sure! Here are the facts: Alice lives in Berlin.", 100, 10)
                .reply("{\"facts\":[\"Alice lives in Berlin\"]}", 130, 12);

        Extraction extraction = extractor().extract(aliceMoved());

        assertThat(server.requestCount()).isEqualTo(2);
        assertThat(extraction.extractor()).isEqualTo("llm");
        assertThat(extraction.facts()).extracting(Fact::text).containsExactly("Alice lives in Berlin");
        assertThat(extraction.usage()).isEqualTo(new TokenUsage(230, 22, 2));
        JsonNode retry = server.requests().get(1).path("messages");
        assertThat(retry).hasSize(4);
        assertThat(retry.get(2).path("role").asText()).isEqualTo("assistant");
        assertThat(retry.get(2).path("content").asText()).isEqualTo("Sure! Here are the facts: Alice lives in Berlin.");
        assertThat(retry.get(3).path("role").asText()).isEqualTo("user");
        assertThat(retry.get(3).path("content").asText()).contains("did not contain a JSON object").contains("\"facts\"");
    }

    @Test
    void aReplyWithoutAFactsArrayIsRetried() {
        server.reply("{\"memories\":[\"Lives in Berlin\"]}").reply("{\"facts\":[\"Lives in Berlin\"]}");

        Extraction extraction = extractor().extract(aliceMoved());

        assertThat(extraction.facts()).hasSize(1);
        assertThat(server.promptOf(1)).contains("must have a \"facts\" array");
    }

    @Test
    void fallsBackAfterTwoInvalidRepliesAndCountsBothCalls() {
        server.reply("not json", 100, 10).reply("[\"still\", \"not an object\"]", 110, 11).reply("{\"facts\":[\"never asked\"]}");

        Extraction extraction = extractor().extract(aliceMoved());

        assertThat(server.requestCount()).isEqualTo(2);
        assertThat(fallbackCalls).hasValue(1);
        assertThat(extraction.extractor()).isEqualTo("offline");
        assertThat(extraction.facts()).containsExactly(OFFLINE_FACT);
        assertThat(extraction.usage()).isEqualTo(new TokenUsage(210, 21, 2));
    }

    @Test
    void fallsBackOnAnHttpErrorWithoutRetrying() {
        server.error(500).reply("{\"facts\":[\"never asked\"]}");

        Extraction extraction = extractor().extract(aliceMoved());

        assertThat(server.requestCount()).isEqualTo(1);
        assertThat(extraction.extractor()).isEqualTo("offline");
        assertThat(extraction.facts()).containsExactly(OFFLINE_FACT);
        assertThat(extraction.usage().calls()).isEqualTo(1);
    }

    @Test
    void fallsBackWhenTheConnectionIsRefused() throws IOException {
        int freePort;
        try (ServerSocket socket = new ServerSocket(0)) {
            freePort = socket.getLocalPort();
        }
        Extraction extraction = extractor(LlmSettings.openAi("http://127.0.0.1:" + freePort + "/v1", "k", "m"))
                .extract(aliceMoved());

        assertThat(extraction.extractor()).isEqualTo("offline");
        assertThat(fallbackCalls).hasValue(1);
    }

    @Test
    void fallsBackWhenTheModelTimesOut() {
        server.replyAfter(Duration.ofSeconds(3), "{\"facts\":[\"too late\"]}");
        LlmSettings impatient = LlmSettings.openAi(server.baseUrl(), "k", "m").withTimeout(Duration.ofMillis(300));

        long start = System.nanoTime();
        Extraction extraction = extractor(impatient).extract(aliceMoved());

        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
        assertThat(extraction.extractor()).isEqualTo("offline");
        assertThat(server.requestCount()).isEqualTo(1);
    }
}
