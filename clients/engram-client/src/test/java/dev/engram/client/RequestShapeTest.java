package dev.engram.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.engram.client.FakeServer.Reply;
import dev.engram.client.model.AddRequest;
import dev.engram.client.model.AddResult;
import dev.engram.client.model.Event;
import dev.engram.client.model.ListRequest;
import dev.engram.client.model.Memory;
import dev.engram.client.model.Message;
import dev.engram.client.model.Page;
import dev.engram.client.model.Scope;
import dev.engram.client.model.SearchRequest;
import dev.engram.client.model.SearchResult;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** What the client sends for each call (method, path with its trailing slash, query, headers, JSON) and how it reads the answer. */
class RequestShapeTest {

    private final ObjectMapper json = new ObjectMapper();
    private FakeServer server;
    private EngramClient client;

    @BeforeEach
    void start() throws Exception {
        server = new FakeServer();
        client = EngramClient.builder(server.url() + "/").apiKey("m0-test").retryPolicy(RetryPolicy.none()).build();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private JsonNode body() throws Exception {
        return json.readTree(server.last().body());
    }

    @Test
    void addSendsMessagesScopeAndMetadataVerbatimWithTheTokenHeader() throws Exception {
        server.reply(Reply.json(200, "{\"message\":\"queued\",\"status\":\"PENDING\",\"event_id\":\"ev-1\"}"));

        AddResult result = client.add(AddRequest.builder(Scope.user("alice").withRun("r1"))
                .message(Message.user("I drink green tea")).message(Message.assistant("Noted."))
                .metadata(Map.of("someKey", 1, "nested_key", Map.of("innerCamel", true))).build());

        assertThat(result.pending()).isTrue();
        assertThat(result.eventId()).isEqualTo("ev-1");
        FakeServer.Recorded request = server.last();
        assertThat(request.method()).isEqualTo("POST");
        assertThat(request.path()).isEqualTo("/v3/memories/add/");
        assertThat(request.header("Authorization")).isEqualTo("Token m0-test");
        assertThat(request.header("Content-Type")).isEqualTo("application/json");
        assertThat(body()).isEqualTo(json.readTree("""
                {"messages":[{"role":"user","content":"I drink green tea"},{"role":"assistant","content":"Noted."}],
                 "user_id":"alice","run_id":"r1","metadata":{"someKey":1,"nested_key":{"innerCamel":true}}}"""));
    }

    @Test
    void synchronousInferredAddUsesTheRouteThatHonoursAsyncMode() throws Exception {
        server.reply(Reply.json(200, "{\"results\":[{\"id\":\"m1\",\"memory\":\"Likes tea\",\"event\":\"ADD\",\"data\":{\"memory\":\"Likes tea\"}}],\"relations\":[]}"));

        AddResult result = client.add(AddRequest.builder(Scope.agent("bot")).text("I like tea").asyncMode(false).build());

        assertThat(server.last().path()).isEqualTo("/v1/memories/");
        assertThat(body().get("async_mode").asBoolean()).isFalse();
        assertThat(body().get("output_format").asText()).isEqualTo("v1.1");
        assertThat(body().get("agent_id").asText()).isEqualTo("bot");
        assertThat(result.pending()).isFalse();
        assertThat(result.results()).singleElement().satisfies(e -> {
            assertThat(e.id()).isEqualTo("m1");
            assertThat(e.memory()).isEqualTo("Likes tea");
            assertThat(e.event()).isEqualTo("ADD");
        });
    }

    @Test
    void verbatimAddSendsInferFalse() throws Exception {
        server.reply(Reply.json(200, "{\"message\":\"Memories processed\",\"results\":[]}"));
        client.add(AddRequest.builder(Scope.user("u")).text("x").infer(false).build());
        assertThat(server.last().path()).isEqualTo("/v3/memories/add/");
        assertThat(body().get("infer").asBoolean()).isFalse();
        assertThat(body().has("async_mode")).isFalse();
    }

    @Test
    void searchSendsV2FiltersTopKThresholdAndRerankAndReadsScoredMemories() throws Exception {
        server.reply(Reply.json(200, """
                {"results":[{"id":"m1","memory":"Prefers React","user_id":"alice","run_id":"r1","session_id":"r1","score":0.83,
                  "metadata":{"camelKey":1},"categories":[],"created_at":"2026-12-07T10:00:00.123Z","immutable":false,"extra":"ignored"}]}"""));

        SearchResult result = client.search(SearchRequest.builder("frontend", Scope.user("alice").withAgent("bot"))
                .topK(5).threshold(0.2).rerank(true).build());

        assertThat(server.last().path()).isEqualTo("/v3/memories/search/");
        assertThat(body()).isEqualTo(json.readTree("""
                {"query":"frontend","filters":{"AND":[{"user_id":"alice"},{"agent_id":"bot"}]},"top_k":5,"threshold":0.2,"rerank":true}"""));
        Memory top = result.top().orElseThrow();
        assertThat(top.id()).isEqualTo("m1");
        assertThat(top.score()).isEqualTo(0.83);
        assertThat(top.userId()).isEqualTo("alice");
        assertThat(top.runId()).isEqualTo("r1");
        assertThat(top.metadata()).containsEntry("camelKey", 1);
        assertThat(top.createdAt()).isNotNull();
        assertThat(top.createdAt().getYear()).isEqualTo(2026);
    }

    @Test
    void listSendsPageInTheQueryAndFiltersInTheBody() throws Exception {
        server.reply(Reply.json(200, "{\"count\":3,\"next\":\"http://x/v3/memories/?page=2&page_size=2\",\"previous\":null,"
                + "\"results\":[{\"id\":\"a\",\"memory\":\"one\"},{\"id\":\"b\",\"memory\":\"two\"}]}"));

        Page<Memory> page = client.list(ListRequest.of(Scope.user("alice")).page(1, 2).withKeywords("tea"));

        assertThat(server.last().path()).isEqualTo("/v3/memories/");
        assertThat(server.last().query()).isEqualTo("page=1&page_size=2");
        assertThat(body()).isEqualTo(json.readTree("{\"filters\":{\"user_id\":\"alice\"},\"keywords\":\"tea\"}"));
        assertThat(page.count()).isEqualTo(3);
        assertThat(page.hasNext()).isTrue();
        assertThat(page.results()).extracting(Memory::memory).containsExactly("one", "two");
    }

    @Test
    void getAllFollowsPagesUntilTheLast() {
        server.reply(Reply.json(200, "{\"count\":2,\"next\":\"http://x/?page=2\",\"previous\":null,\"results\":[{\"id\":\"a\"}]}"),
                Reply.json(200, "{\"count\":2,\"next\":null,\"previous\":\"http://x/?page=1\",\"results\":[{\"id\":\"b\"}]}"));

        List<Memory> all = client.getAll(Scope.user("alice"));

        assertThat(all).extracting(Memory::id).containsExactly("a", "b");
        assertThat(server.requests).extracting(FakeServer.Recorded::query).containsExactly("page=1&page_size=100", "page=2&page_size=100");
    }

    @Test
    void singleMemoryRoutesEncodeTheIdAndKeepTrailingSlashes() throws Exception {
        server.reply(Reply.json(200, "{\"id\":\"a b/c\",\"memory\":\"x\"}"));
        client.get("a b/c");
        assertThat(server.last().method()).isEqualTo("GET");
        assertThat(server.last().path()).isEqualTo("/v1/memories/a%20b%2Fc/");
        assertThat(server.last().body()).isEmpty();

        client.update("m1", "new text", Map.of("k", "v"));
        assertThat(server.last().method()).isEqualTo("PUT");
        assertThat(server.last().path()).isEqualTo("/v1/memories/m1/");
        assertThat(body()).isEqualTo(json.readTree("{\"text\":\"new text\",\"metadata\":{\"k\":\"v\"}}"));

        server.reply(Reply.json(200, "[{\"id\":\"h1\",\"memory_id\":\"m1\",\"event\":\"ADD\",\"new_memory\":\"x\",\"created_at\":\"2026-12-07T10:00:00Z\"}]"));
        assertThat(client.history("m1")).singleElement().satisfies(h -> {
            assertThat(h.event()).isEqualTo("ADD");
            assertThat(h.newMemory()).isEqualTo("x");
        });
        assertThat(server.last().path()).isEqualTo("/v1/memories/m1/history/");
    }

    @Test
    void deletesUseTheQueryForTheScope() {
        server.reply(Reply.json(200, "{\"message\":\"Memories deleted successfully!\",\"deleted_count\":4}"));
        assertThat(client.deleteAll(Scope.user("alice").withAgent("bot")).deletedCount()).isEqualTo(4);
        assertThat(server.last().method()).isEqualTo("DELETE");
        assertThat(server.last().path()).isEqualTo("/v1/memories/");
        assertThat(server.last().query()).isEqualTo("user_id=alice&agent_id=bot");

        client.delete("m1");
        assertThat(server.last().path()).isEqualTo("/v1/memories/m1/");
    }

    @Test
    void entitiesPingAndOrgProjectIds() {
        EngramClient scoped = EngramClient.builder(server.url()).apiKey("k").project("org_1", "proj_1").build();
        server.reply(Reply.json(200, "{\"status\":\"ok\",\"org_id\":\"org_1\",\"project_id\":\"proj_1\",\"user_email\":null}"));
        assertThat(scoped.ping().projectId()).isEqualTo("proj_1");
        assertThat(server.last().path()).isEqualTo("/v1/ping/");
        assertThat(server.last().query()).isEqualTo("org_id=org_1&project_id=proj_1");

        server.reply(Reply.json(200, "{\"count\":1,\"next\":null,\"previous\":null,\"results\":[{\"id\":\"alice\",\"name\":\"alice\","
                + "\"type\":\"user\",\"total_memories\":3}],\"total_users\":1}"));
        assertThat(client.entities(1, 50).results()).singleElement().satisfies(e -> {
            assertThat(e.type()).isEqualTo("user");
            assertThat(e.totalMemories()).isEqualTo(3);
        });
        assertThat(server.last().query()).isEqualTo("page=1&page_size=50");
    }

    @Test
    void awaitEventPollsUntilTheEventIsDone() {
        server.reply(Reply.json(200, "{\"id\":\"ev-1\",\"status\":\"PENDING\"}"), Reply.json(200, "{\"id\":\"ev-1\",\"status\":\"RUNNING\"}"),
                Reply.json(200, "{\"id\":\"ev-1\",\"status\":\"SUCCEEDED\",\"results\":[{\"id\":\"m1\",\"memory\":\"x\",\"event\":\"ADD\"}]}"));

        Event event = client.awaitEvent("ev-1", Duration.ofSeconds(10));

        assertThat(event.succeeded()).isTrue();
        assertThat(event.results()).extracting(e -> e.id()).containsExactly("m1");
        assertThat(server.requests).hasSize(3).allSatisfy(r -> assertThat(r.path()).isEqualTo("/v1/event/ev-1/"));
    }

    @Test
    void asyncCallsCompleteTheFuture() throws Exception {
        server.reply(Reply.json(200, "{\"results\":[{\"id\":\"m1\",\"memory\":\"x\",\"score\":0.5}]}"));
        var future = client.searchAsync(SearchRequest.builder("q", Scope.user("u")).build());
        assertThat(future.get().results()).extracting(Memory::id).containsExactly("m1");
    }
}
