package dev.engram.client;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.engram.client.error.ConnectionException;
import dev.engram.client.error.EngramException;
import dev.engram.client.error.EventTimeoutException;
import dev.engram.client.model.AddRequest;
import dev.engram.client.model.AddResult;
import dev.engram.client.model.DeleteResult;
import dev.engram.client.model.Entity;
import dev.engram.client.model.Event;
import dev.engram.client.model.HistoryEntry;
import dev.engram.client.model.ListRequest;
import dev.engram.client.model.Memory;
import dev.engram.client.model.MemoryEvent;
import dev.engram.client.model.Page;
import dev.engram.client.model.Ping;
import dev.engram.client.model.Scope;
import dev.engram.client.model.SearchRequest;
import dev.engram.client.model.SearchResult;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * A client for Engram's Mem0-compatible REST API (the routes the current Mem0 SDKs call: {@code /v3/memories/add/},
 * {@code /v3/memories/search/}, {@code /v3/memories/}, and the v1 single-memory, entity, event and ping routes).
 * Thread-safe; build one with {@link #builder(String)} and share it.
 *
 * <pre>{@code
 * EngramClient engram = EngramClient.builder("http://localhost:8080").apiKey(key).build();
 * engram.addAndWait(AddRequest.of(Scope.user("developer_001"), Message.user("用户偏好使用React和TypeScript开发")), Duration.ofSeconds(30));
 * Memory top = engram.search("前端开发", Scope.user("developer_001")).top().orElseThrow();
 * }</pre>
 *
 * Every call has a blocking form and an {@code …Async} form returning a {@link CompletableFuture}; the blocking form
 * throws, and the future fails with, an {@link EngramException} subclass (see there). Retries follow the
 * {@link RetryPolicy}.
 */
public final class EngramClient {

    private static final TypeReference<Page<Memory>> MEMORY_PAGE = new TypeReference<>() { };
    private static final TypeReference<Page<Entity>> ENTITY_PAGE = new TypeReference<>() { };
    private static final TypeReference<List<HistoryEntry>> HISTORY = new TypeReference<>() { };
    private static final Duration FIRST_POLL = Duration.ofMillis(100);
    private static final Duration LONGEST_POLL = Duration.ofSeconds(1);

    private final HttpTransport transport;
    private final ObjectMapper json;
    private final Map<String, String> commonQuery;
    private final Executor executor;

    EngramClient(HttpTransport transport, ObjectMapper json, Map<String, String> commonQuery, Executor executor) {
        this.transport = transport;
        this.json = json;
        this.commonQuery = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(commonQuery)); // order kept: org_id, project_id
        this.executor = executor;
    }

    /** A builder for a server at {@code baseUrl} (e.g. {@code http://localhost:8080}; a trailing slash is dropped). */
    public static EngramClientBuilder builder(String baseUrl) {
        return new EngramClientBuilder(baseUrl);
    }

    /** The JSON mapping the client uses: snake_case names, unknown fields ignored, ISO-8601 dates. */
    public static ObjectMapper objectMapper() {
        return new ObjectMapper()
                .registerModule(new JavaTimeModule())
                .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
                .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false)
                .configure(DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE, false);
    }

    // ---- ping ---------------------------------------------------------------------------------------------------

    /** {@code GET /v1/ping/}: checks the key and names its organization and project. */
    public Ping ping() {
        return await(pingAsync());
    }

    public CompletableFuture<Ping> pingAsync() {
        return call("GET", "/v1/ping/", Map.of(), null, true, Ping.class);
    }

    // ---- add ----------------------------------------------------------------------------------------------------

    /**
     * Adds messages. Inferred adds are queued by default ({@link AddResult#pending()}, wait with {@link #awaitEvent});
     * {@code infer(false)} stores the messages verbatim before answering; {@code asyncMode(false)} processes an inferred
     * add before answering (sent to the legacy {@code POST /v1/memories/}, the route that honours {@code async_mode}).
     * Never retried after a timeout or a reset connection, so a memory is not added twice.
     */
    public AddResult add(AddRequest request) {
        return await(addAsync(request));
    }

    public CompletableFuture<AddResult> addAsync(AddRequest request) {
        Map<String, Object> body = request.toBody();
        if (Boolean.FALSE.equals(request.asyncMode())) {
            body.put("output_format", "v1.1");
            return call("POST", "/v1/memories/", Map.of(), body, false, AddResult.class);
        }
        body.remove("async_mode");
        return call("POST", "/v3/memories/add/", Map.of(), body, false, AddResult.class);
    }

    /** Adds a user message's text for {@code scope} (inferred, queued). */
    public AddResult add(String text, Scope scope) {
        return add(AddRequest.builder(scope).text(text).build());
    }

    /**
     * Adds and, when the add was queued, waits until its event is done; returns the changes it made.
     *
     * @throws EventTimeoutException when the event is not done within {@code timeout}
     * @throws EngramException       when the event failed (its {@code error} is the detail)
     */
    public List<MemoryEvent> addAndWait(AddRequest request, Duration timeout) {
        return await(addAndWaitAsync(request, timeout));
    }

    public CompletableFuture<List<MemoryEvent>> addAndWaitAsync(AddRequest request, Duration timeout) {
        return addAsync(request).thenCompose(result -> {
            if (!result.pending()) return CompletableFuture.completedFuture(result.results());
            return awaitEventAsync(result.eventId(), timeout).thenApply(event -> {
                if (!event.succeeded()) {
                    throw new EngramException(0, null, "Add failed", "event " + event.id() + " " + event.status() + ": " + event.error(),
                            null, null);
                }
                return event.results();
            });
        });
    }

    // ---- search and list --------------------------------------------------------------------------------------

    /** {@code POST /v3/memories/search/}: memories of the filter's scope closest to the query, best first. */
    public SearchResult search(SearchRequest request) {
        return await(searchAsync(request));
    }

    public CompletableFuture<SearchResult> searchAsync(SearchRequest request) {
        return call("POST", "/v3/memories/search/", Map.of(), request.toBody(), true, SearchResult.class);
    }

    /** Searches {@code scope}'s memories with the server's defaults (top 10, threshold 0.1). */
    public SearchResult search(String query, Scope scope) {
        return search(SearchRequest.builder(query, scope).build());
    }

    /** {@code POST /v3/memories/?page=&page_size=}: one page of the filter's memories. */
    public Page<Memory> list(ListRequest request) {
        return await(listAsync(request));
    }

    public CompletableFuture<Page<Memory>> listAsync(ListRequest request) {
        Map<String, String> query = new LinkedHashMap<>();
        if (request.page() != null) query.put("page", request.page().toString());
        if (request.pageSize() != null) query.put("page_size", request.pageSize().toString());
        return call("POST", "/v3/memories/", query, request.toBody(), true, MEMORY_PAGE);
    }

    /** Every memory of {@code scope}, page by page (100 a page). */
    public List<Memory> getAll(Scope scope) {
        return await(getAllAsync(scope));
    }

    public CompletableFuture<List<Memory>> getAllAsync(Scope scope) {
        return collect(ListRequest.of(scope), 1, new ArrayList<>());
    }

    private CompletableFuture<List<Memory>> collect(ListRequest request, int page, List<Memory> into) {
        return listAsync(request.page(page, 100)).thenCompose(p -> {
            into.addAll(p.results());
            return p.hasNext() && !p.results().isEmpty() ? collect(request, page + 1, into) : CompletableFuture.completedFuture(into);
        });
    }

    // ---- one memory ---------------------------------------------------------------------------------------------

    /** {@code GET /v1/memories/{id}/}. @throws dev.engram.client.error.NotFoundException when there is none */
    public Memory get(String memoryId) {
        return await(getAsync(memoryId));
    }

    public CompletableFuture<Memory> getAsync(String memoryId) {
        return call("GET", "/v1/memories/" + segment(memoryId) + "/", Map.of(), null, true, Memory.class);
    }

    /** {@code PUT /v1/memories/{id}/}: new text and/or metadata (null leaves it as it is); returns the updated memory. */
    public Memory update(String memoryId, String text, Map<String, Object> metadata) {
        return await(updateAsync(memoryId, text, metadata));
    }

    public CompletableFuture<Memory> updateAsync(String memoryId, String text, Map<String, Object> metadata) {
        if (text == null && metadata == null) throw new IllegalArgumentException("an update needs text or metadata");
        Map<String, Object> body = new LinkedHashMap<>();
        if (text != null) body.put("text", text);
        if (metadata != null) body.put("metadata", metadata);
        return call("PUT", "/v1/memories/" + segment(memoryId) + "/", Map.of(), body, true, Memory.class);
    }

    /** {@code DELETE /v1/memories/{id}/}. */
    public DeleteResult delete(String memoryId) {
        return await(deleteAsync(memoryId));
    }

    public CompletableFuture<DeleteResult> deleteAsync(String memoryId) {
        return call("DELETE", "/v1/memories/" + segment(memoryId) + "/", Map.of(), null, true, DeleteResult.class);
    }

    /** {@code DELETE /v1/memories/?user_id=…}: every memory carrying all of the scope's ids. */
    public DeleteResult deleteAll(Scope scope) {
        return await(deleteAllAsync(scope));
    }

    public CompletableFuture<DeleteResult> deleteAllAsync(Scope scope) {
        Map<String, String> query = new LinkedHashMap<>();
        scope.toFields().forEach((k, v) -> query.put(k, v.toString()));
        return call("DELETE", "/v1/memories/", query, null, true, DeleteResult.class);
    }

    /** {@code GET /v1/memories/{id}/history/}: the memory's changes, oldest first. */
    public List<HistoryEntry> history(String memoryId) {
        return await(historyAsync(memoryId));
    }

    public CompletableFuture<List<HistoryEntry>> historyAsync(String memoryId) {
        return call("GET", "/v1/memories/" + segment(memoryId) + "/history/", Map.of(), null, true, HISTORY);
    }

    // ---- entities and events ------------------------------------------------------------------------------------

    /** {@code GET /v1/entities/?page=&page_size=}: the users, agents, apps and runs that have memories. */
    public Page<Entity> entities(int page, int pageSize) {
        return await(entitiesAsync(page, pageSize));
    }

    public CompletableFuture<Page<Entity>> entitiesAsync(int page, int pageSize) {
        Map<String, String> query = new LinkedHashMap<>();
        query.put("page", Integer.toString(page));
        query.put("page_size", Integer.toString(pageSize));
        return call("GET", "/v1/entities/", query, null, true, ENTITY_PAGE);
    }

    /** {@code GET /v1/event/{id}/}: a queued add's state now. */
    public Event event(String eventId) {
        return await(eventAsync(eventId));
    }

    public CompletableFuture<Event> eventAsync(String eventId) {
        return call("GET", "/v1/event/" + segment(eventId) + "/", Map.of(), null, true, Event.class);
    }

    /**
     * Polls the event (100 ms, growing to 1 s between polls) until it is {@code SUCCEEDED} or {@code FAILED} and returns
     * it; a failed event is returned, not thrown.
     *
     * @throws EventTimeoutException when it is not done within {@code timeout}
     */
    public Event awaitEvent(String eventId, Duration timeout) {
        return await(awaitEventAsync(eventId, timeout));
    }

    public CompletableFuture<Event> awaitEventAsync(String eventId, Duration timeout) {
        Objects.requireNonNull(eventId, "eventId");
        long deadline = System.nanoTime() + timeout.toNanos();
        return poll(eventId, timeout, deadline, FIRST_POLL);
    }

    private CompletableFuture<Event> poll(String eventId, Duration timeout, long deadline, Duration wait) {
        return eventAsync(eventId).thenCompose(event -> {
            if (event.done()) return CompletableFuture.completedFuture(event);
            long left = deadline - System.nanoTime();
            if (left <= 0) throw new EventTimeoutException(eventId, event.status(), timeout);
            long sleep = Math.min(wait.toNanos(), left);
            Executor delayed = CompletableFuture.delayedExecutor(sleep, TimeUnit.NANOSECONDS, executor);
            Duration nextWait = Duration.ofNanos(Math.min((long) (wait.toNanos() * 1.5), LONGEST_POLL.toNanos()));
            return CompletableFuture.supplyAsync(() -> poll(eventId, timeout, deadline, nextWait), delayed).thenCompose(f -> f);
        });
    }

    // ---- plumbing -----------------------------------------------------------------------------------------------

    private <T> CompletableFuture<T> call(String method, String path, Map<String, String> query, Object body, boolean idempotent,
                                          Class<T> type) {
        return transport.send(method, path + queryString(query), body, idempotent).thenApply(text -> read(text, type));
    }

    private <T> CompletableFuture<T> call(String method, String path, Map<String, String> query, Object body, boolean idempotent,
                                          TypeReference<T> type) {
        return transport.send(method, path + queryString(query), body, idempotent).thenApply(text -> read(text, type));
    }

    private <T> T read(String text, Class<T> type) {
        try {
            return json.readValue(text, type);
        } catch (IOException e) {
            throw new UncheckedIOException("unexpected response body for " + type.getSimpleName() + ": " + abbreviate(text), e);
        }
    }

    private <T> T read(String text, TypeReference<T> type) {
        try {
            return json.readValue(text, type);
        } catch (IOException e) {
            throw new UncheckedIOException("unexpected response body: " + abbreviate(text), e);
        }
    }

    private String queryString(Map<String, String> query) {
        Map<String, String> all = new LinkedHashMap<>(query);
        commonQuery.forEach(all::putIfAbsent);
        if (all.isEmpty()) return "";
        return all.entrySet().stream().map(e -> encode(e.getKey()) + "=" + encode(e.getValue())).collect(Collectors.joining("&", "?", ""));
    }

    private static String segment(String value) {
        Objects.requireNonNull(value, "id");
        if (value.isBlank()) throw new IllegalArgumentException("an id must not be blank");
        return encode(value);
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static String abbreviate(String text) {
        return text == null ? "null" : text.length() > 300 ? text.substring(0, 300) + "…" : text;
    }

    /** Waits for a call; rethrows its {@link EngramException} (or other runtime exception) as is. */
    static <T> T await(CompletableFuture<T> future) {
        try {
            return future.get();
        } catch (InterruptedException e) {
            future.cancel(true);
            Thread.currentThread().interrupt();
            throw new ConnectionException("interrupted while waiting for the server", e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            while (cause instanceof java.util.concurrent.CompletionException && cause.getCause() != null) cause = cause.getCause();
            if (cause instanceof RuntimeException r) throw r;
            if (cause instanceof Error err) throw err;
            throw new EngramException(0, null, "Call failed", String.valueOf(cause), null, cause);
        }
    }
}
