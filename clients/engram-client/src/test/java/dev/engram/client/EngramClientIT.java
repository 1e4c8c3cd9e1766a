package dev.engram.client;

import dev.engram.client.error.AuthenticationException;
import dev.engram.client.error.NotFoundException;
import dev.engram.client.error.ValidationException;
import dev.engram.client.model.AddRequest;
import dev.engram.client.model.AddResult;
import dev.engram.client.model.Entity;
import dev.engram.client.model.Event;
import dev.engram.client.model.HistoryEntry;
import dev.engram.client.model.ListRequest;
import dev.engram.client.model.Memory;
import dev.engram.client.model.MemoryEvent;
import dev.engram.client.model.Message;
import dev.engram.client.model.Page;
import dev.engram.client.model.Scope;
import dev.engram.client.model.SearchRequest;
import dev.engram.client.model.SearchResult;
import dev.engram.testing.standalone.StandaloneServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The client against the real gateway: {@code api-gateway/target/quarkus-app/quarkus-run.jar} started as a process on a
 * fresh data directory (failsafe, after the reactor packaged the gateway; fails, never skips, when the jar is missing).
 */
class EngramClientIT {

    private static final String ADMIN_KEY = "engram-admin-" + UUID.randomUUID().toString().replace("-", "");
    private static final Duration EVENT_TIMEOUT = Duration.ofSeconds(60);

    @TempDir
    static Path temp;

    private static StandaloneServer server;
    private static EngramClient client;

    @BeforeAll
    static void startGateway() throws Exception {
        server = StandaloneServer.startGateway(temp.resolve("gateway"), ADMIN_KEY);
        client = EngramClient.builder(server.url()).apiKey(ADMIN_KEY).build();
    }

    @AfterAll
    static void stopGateway() {
        if (server != null) server.close();
    }

    private static String unique(String name) {
        return name + "_" + UUID.randomUUID().toString().substring(0, 8);
    }

    /**
     * The seed example as the project's other tests phrase it (memory-core's MemoryBehaviourTest, the Mem0 and MCP client
     * scenarios): one user message with the preference, four distractors, then {@code 前端开发} ("front-end development").
     * A message that also states the job ("我是一名前端开发工程师，…") is split by the offline extractor into two facts, and
     * then the job fact, which contains the query's words, rightly ranks above the React one.
     */
    @Test
    void seedExampleTheChineseFrontEndMemoryRanksFirst() {
        Scope developer = Scope.user(unique("developer"));
        client.addAndWait(AddRequest.of(developer, Message.user("用户偏好使用React和TypeScript开发")), EVENT_TIMEOUT);
        for (String distractor : List.of("周末喜欢去郊外徒步", "养了一只叫咪咪的猫", "最近搬到了上海", "每天早上都要喝一杯咖啡")) {
            client.addAndWait(AddRequest.of(developer, Message.user(distractor)), EVENT_TIMEOUT);
        }

        SearchResult found = client.search("前端开发", developer);

        assertThat(found.results()).hasSizeGreaterThan(1);
        Memory top = found.top().orElseThrow();
        assertThat(top.memory()).contains("React").contains("TypeScript");
        assertThat(top.userId()).isEqualTo(developer.userId());
        assertThat(top.score()).isBetween(0.0, 1.0).isGreaterThan(found.results().get(1).score());
    }

    @Test
    void memoryLifecycleGetUpdateHistoryListDelete() {
        Scope alice = Scope.user(unique("alice")).withAgent("support-bot");
        AddResult added = client.add(AddRequest.builder(alice).text("I drink green tea every morning").text("My favourite mug is blue")
                .metadata(Map.of("topic", "drinks", "camelKey", Map.of("innerKey", 1))).infer(false).build());
        assertThat(added.pending()).isFalse();
        assertThat(added.results()).extracting(MemoryEvent::event).containsOnly("ADD");
        assertThat(added.results()).hasSize(2);
        String teaId = added.results().stream().filter(e -> e.memory().contains("tea")).findFirst().orElseThrow().id();

        Memory tea = client.get(teaId);
        assertThat(tea.memory()).isEqualTo("I drink green tea every morning");
        assertThat(tea.userId()).isEqualTo(alice.userId());
        assertThat(tea.agentId()).isEqualTo("support-bot");
        assertThat(tea.metadata()).containsEntry("topic", "drinks").containsEntry("camelKey", Map.of("innerKey", 1));
        assertThat(tea.createdAt()).isNotNull();

        Memory updated = client.update(teaId, "I drink oolong tea every morning", null);
        assertThat(updated.memory()).isEqualTo("I drink oolong tea every morning");
        assertThat(client.history(teaId)).extracting(HistoryEntry::event).containsExactly("ADD", "UPDATE");

        Page<Memory> first = client.list(ListRequest.of(alice).page(1, 1));
        assertThat(first.count()).isEqualTo(2);
        assertThat(first.results()).hasSize(1);
        assertThat(first.hasNext()).isTrue();
        assertThat(client.getAll(alice)).extracting(Memory::id).hasSize(2).contains(teaId);

        SearchResult search = client.search(SearchRequest.builder("oolong", alice).topK(1).threshold(0.0).build());
        assertThat(search.results()).singleElement().extracting(Memory::id).isEqualTo(teaId);

        assertThat(client.entities(1, 200).results()).extracting(Entity::name).contains(alice.userId());

        client.delete(teaId);
        assertThatThrownBy(() -> client.get(teaId)).isInstanceOfSatisfying(NotFoundException.class, e -> {
            assertThat(e.status()).isEqualTo(404);
            assertThat(e.type()).startsWith("https://");
            assertThat(e.detail()).isNotBlank();
        });
        client.deleteAll(alice);
        assertThat(client.getAll(alice)).isEmpty();
    }

    @Test
    void asyncAddAnswersPendingAndItsEventSucceeds() throws Exception {
        Scope carol = Scope.user(unique("carol"));
        Event event = client.addAsync(AddRequest.of(carol, Message.user("I love playing tennis on Sunday mornings with my sister")))
                .thenCompose(result -> {
                    assertThat(result.pending()).isTrue();
                    assertThat(result.eventId()).isNotBlank();
                    return client.awaitEventAsync(result.eventId(), EVENT_TIMEOUT);
                }).get();

        assertThat(event.succeeded()).isTrue();
        assertThat(event.results()).isNotEmpty().allSatisfy(r -> assertThat(r.id()).isNotBlank());
        assertThat(client.searchAsync(SearchRequest.builder("tennis", carol).build()).get().results()).isNotEmpty();
    }

    @Test
    void synchronousModeProcessesAnInferredAddBeforeAnswering() {
        Scope dave = Scope.user(unique("dave"));
        AddResult result = client.add(AddRequest.builder(dave).text("I am allergic to peanuts").asyncMode(false).build());
        assertThat(result.pending()).isFalse();
        assertThat(result.results()).isNotEmpty();
        assertThat(client.getAll(dave)).isNotEmpty();
    }

    @Test
    void pingAndErrorsFromTheServer() {
        assertThat(client.ping().status()).isEqualTo("ok");

        EngramClient wrongKey = EngramClient.builder(server.url()).apiKey("m0-not-a-key").build();
        assertThatThrownBy(wrongKey::ping).isInstanceOfSatisfying(AuthenticationException.class, e -> {
            assertThat(e.status()).isEqualTo(401);
            assertThat(e.title()).isNotBlank();
        });

        assertThatThrownBy(() -> client.search(SearchRequest.builder("x", Map.of("colour", "blue")).build()))
                .isInstanceOfSatisfying(ValidationException.class, e -> {
                    assertThat(e.status()).isEqualTo(400);
                    assertThat(e.detail()).isNotBlank();
                });
    }
}
