package dev.engram.core.llm;

import dev.engram.core.domain.MemoryRecord;
import dev.engram.core.domain.MemoryState;
import dev.engram.core.domain.Scope;
import dev.engram.core.domain.TokenUsage;
import dev.engram.core.extract.Fact;
import dev.engram.core.reconcile.Candidate;
import dev.engram.core.reconcile.Decision;
import dev.engram.core.reconcile.FactCandidates;
import dev.engram.core.reconcile.Reconciler;
import dev.engram.core.reconcile.Reconciliation;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/** The LLM reconciler with the real {@code OpenAiChatModel} talking HTTP to a scripted OpenAI-compatible server. */
class LlmReconcilerTest {

    private static final Instant CREATED = Instant.parse("2026-10-01T12:00:00Z");
    private static final String UUID_PATTERN = "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}";

    private final MemoryRecord paris = memory("Lives in Paris", false);
    private final MemoryRecord coffee = memory("Likes coffee", false);
    private final MemoryRecord name = memory("Name is Alice", true);

    private ScriptedChatServer server;
    private final AtomicInteger fallbackCalls = new AtomicInteger();
    private final Reconciler offline = facts -> {
        fallbackCalls.incrementAndGet();
        return new Reconciliation(facts.stream().<Decision>map(fc -> new Decision.Add(fc.fact(), "offline")).toList(),
                TokenUsage.NONE);
    };

    @BeforeEach
    void startServer() {
        server = ScriptedChatServer.start();
    }

    @AfterEach
    void stopServer() {
        server.close();
    }

    private LlmReconciler reconciler() {
        return new LlmReconciler(ChatModels.create(LlmSettings.openAi(server.baseUrl(), "test-key", "test-model")), offline);
    }

    private static MemoryRecord memory(String text, boolean immutable) {
        return new MemoryRecord(UUID.randomUUID(), Scope.user("alice"), text, null, null, "user", null, null, CREATED,
                CREATED, null, null, immutable, MemoryState.ACTIVE, null, List.of(), null);
    }

    private static Fact fact(String text) {
        return new Fact(text, List.of(0), "user", "user", null, null, List.of());
    }

    private static FactCandidates candidates(Fact fact, MemoryRecord... memories) {
        return new FactCandidates(fact, Arrays.stream(memories).map(m -> new Candidate(m, 0.8)).toList());
    }

    @Test
    void showsTemporaryIdsNeverUuidsAndMapsUpdateNoneAndAddBack() {
        Fact espresso = fact("Likes coffee, especially espresso");
        Fact stillParis = fact("Lives in Paris");
        Fact cat = fact("Has a cat named Tom");
        List<FactCandidates> facts = List.of(candidates(espresso, coffee, paris), candidates(stillParis, paris),
                candidates(cat, paris));
        server.reply("""
                {"memory":[
                  {"id":"new","text":"Has a cat named Tom","event":"ADD"},
                  {"id":0,"text":"Likes coffee, especially espresso","event":"UPDATE","old_memory":"Likes coffee"},
                  {"id":"1","text":"Lives in Paris","event":"NONE"}]}""", 400, 60);

        Reconciliation result = reconciler().reconcile(facts);

        String prompt = server.promptOf(0);
        assertThat(prompt).doesNotContainPattern(UUID_PATTERN)
                .doesNotContain(coffee.id().toString()).doesNotContain(paris.id().toString())
                .contains("Existing memories:\n[\n  {\"id\":\"0\",\"text\":\"Likes coffee\"},\n  {\"id\":\"1\",\"text\":\"Lives in Paris\"}\n]")
                .contains("New facts:\n[\n  \"Likes coffee, especially espresso\",\n  \"Lives in Paris\",\n  \"Has a cat named Tom\"\n]")
                .contains("UPDATE").contains("DELETE").contains("NONE");
        assertThat(server.requests().getFirst().path("temperature").asDouble()).isZero();
        assertThat(server.requests().getFirst().path("response_format").path("type").asText()).isEqualTo("json_object");
        assertThat(result.usage()).isEqualTo(new TokenUsage(400, 60, 1));
        assertThat(result.decisions()).hasSize(3);
        assertThat(result.decisions().get(0)).isInstanceOfSatisfying(Decision.Update.class, u -> {
            assertThat(u.target()).isEqualTo(coffee.id());
            assertThat(u.newText()).isEqualTo("Likes coffee, especially espresso");
            assertThat(u.fact()).isEqualTo(espresso);
        });
        assertThat(result.decisions().get(1)).isInstanceOfSatisfying(Decision.None.class, n -> {
            assertThat(n.target()).isEqualTo(paris.id());
            assertThat(n.fact()).isEqualTo(stillParis);
        });
        assertThat(result.decisions().get(2)).isInstanceOfSatisfying(Decision.Add.class,
                a -> assertThat(a.fact()).isEqualTo(cat));
    }

    @Test
    void aDeleteReplacedByAnAddedFactBecomesASupersede() {
        Fact berlin = fact("Lives in Berlin");
        Fact tea = fact("Likes green tea");
        server.reply("""
                {"memory":[{"id":"0","text":"Lives in Paris","event":"DELETE"},
                           {"id":"new","text":"Likes green tea","event":"ADD"},
                           {"id":"new","text":"Lives in Berlin","event":"ADD"}]}""");

        Reconciliation result = reconciler().reconcile(List.of(candidates(berlin, paris), candidates(tea, coffee)));

        assertThat(result.decisions()).containsExactly(
                new Decision.Supersede(paris.id(), berlin, "llm: contradicted by a new fact"),
                new Decision.Add(tea, "llm: new information"));
    }

    @Test
    void aDeleteWhoseReplacementTheModelOmittedStillSupersedes() {
        Fact berlin = fact("Lives in Berlin");
        server.reply("{\"memory\":[{\"id\":\"0\",\"text\":\"Lives in Paris\",\"event\":\"DELETE\"}]}");

        Reconciliation result = reconciler().reconcile(List.of(candidates(berlin, paris)));

        assertThat(result.decisions()).singleElement().isInstanceOfSatisfying(Decision.Supersede.class, s -> {
            assertThat(s.target()).isEqualTo(paris.id());
            assertThat(s.fact()).isEqualTo(berlin);
        });
    }

    @Test
    void aDeleteWithoutReplacementStaysADelete() {
        MemoryRecord meat = memory("Eats meat every day", false);
        MemoryRecord vegetarian = memory("Is vegetarian", false);
        Fact fact = fact("Is vegetarian since 2020");
        server.reply("""
                {"memory":[{"id":"1","text":"Is vegetarian since 2020","event":"UPDATE","old_memory":"Is vegetarian"},
                           {"id":"0","text":"Eats meat every day","event":"DELETE"}]}""");

        Reconciliation result = reconciler().reconcile(List.of(candidates(fact, meat, vegetarian)));

        assertThat(result.decisions()).containsExactly(
                new Decision.Update(vegetarian.id(), "Is vegetarian since 2020", fact, "llm: richer information"),
                new Decision.Delete(meat.id(), "llm: contradicted"));
    }

    @Test
    void immutableMemoriesAreNeverUpdatedSupersededOrDeleted() {
        MemoryRecord city = memory("Lives in Paris", true);
        Fact fullName = fact("Name is Alice Martin");
        Fact berlin = fact("Lives in Berlin");
        server.reply("""
                {"memory":[{"id":"0","text":"Name is Alice Martin","event":"UPDATE","old_memory":"Name is Alice"},
                           {"id":"1","text":"Lives in Paris","event":"DELETE"},
                           {"id":"new","text":"Lives in Berlin","event":"ADD"}]}""");

        Reconciliation result = reconciler().reconcile(List.of(candidates(fullName, name), candidates(berlin, city)));

        assertThat(result.decisions()).containsExactly(
                new Decision.None(name.id(), fullName, "llm: update of an immutable memory refused"),
                new Decision.Add(berlin, "llm: new information"));
    }

    @Test
    void factsTheModelOmittedAreAddedAndUnknownIdsAreIgnored() {
        Fact tea = fact("Likes green tea");
        Fact dog = fact("Has a dog");
        server.reply("{\"memory\":[{\"id\":\"7\",\"text\":\"Likes green tea\",\"event\":\"UPDATE\"},"
                + "{\"id\":\"" + coffee.id() + "\",\"text\":\"Has a dog\",\"event\":\"NONE\"},"
                + "{\"id\":\"0\",\"text\":\"x\",\"event\":\"MERGE\"}]}");

        Reconciliation result = reconciler().reconcile(List.of(candidates(tea, coffee), candidates(dog, coffee)));

        assertThat(result.decisions()).containsExactly(
                new Decision.Add(tea, "llm: not covered by the model's reply, added"),
                new Decision.Add(dog, "llm: not covered by the model's reply, added"));
    }

    @Test
    void everyFactGetsExactlyOneDecisionEvenWhenTheModelRepeatsItself() {
        Fact espresso = fact("Likes espresso");
        server.reply("""
                {"memory":[{"id":"0","text":"Likes coffee, especially espresso","event":"UPDATE"},
                           {"id":"0","text":"Likes coffee","event":"DELETE"},
                           {"id":"new","text":"Likes espresso","event":"ADD"},
                           {"id":"new","text":"Likes espresso","event":"ADD"}]}""");

        Reconciliation result = reconciler().reconcile(List.of(candidates(espresso, coffee)));

        assertThat(result.decisions()).singleElement().isInstanceOfSatisfying(Decision.Update.class,
                u -> assertThat(u.target()).isEqualTo(coffee.id()));
    }

    @Test
    void withoutCandidatesEveryFactIsAddedWithoutCallingTheModel() {
        Fact tea = fact("Likes green tea");

        Reconciliation result = reconciler().reconcile(List.of(candidates(tea)));

        assertThat(server.requestCount()).isZero();
        assertThat(result.usage()).isEqualTo(TokenUsage.NONE);
        assertThat(result.decisions()).containsExactly(new Decision.Add(tea, "no similar memory"));
        assertThat(reconciler().reconcile(List.of()).decisions()).isEmpty();
    }

    @Test
    void retriesOnceThenFallsBackWhenTheReplyStaysInvalid() {
        server.reply("{\"decisions\":[]}", 50, 5).reply("{\"memory\":\"none\"}", 60, 6);

        Reconciliation result = reconciler().reconcile(List.of(candidates(fact("Likes tea"), coffee)));

        assertThat(server.requestCount()).isEqualTo(2);
        assertThat(server.promptOf(1)).contains("must have a \"memory\" array");
        assertThat(fallbackCalls).hasValue(1);
        assertThat(result.decisions()).singleElement().extracting(Decision::reason).isEqualTo("offline");
        assertThat(result.usage()).isEqualTo(new TokenUsage(110, 11, 2));
    }

    @Test
    void fallsBackOnAnHttpError() {
        server.error(503);

        Reconciliation result = reconciler().reconcile(List.of(candidates(fact("Likes tea"), coffee)));

        assertThat(fallbackCalls).hasValue(1);
        assertThat(server.requestCount()).isEqualTo(1);
        assertThat(result.usage().calls()).isEqualTo(1);
    }
}
