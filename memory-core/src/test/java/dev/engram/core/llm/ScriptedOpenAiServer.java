package dev.engram.core.llm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * An OpenAI-compatible chat server for tests, on 127.0.0.1 and a free port: real HTTP, so the real LangChain4j
 * {@code OpenAiChatModel} can be pointed at {@link #baseUrl()}. It answers {@code POST /v1/chat/completions} and
 * {@code POST /chat/completions} with the next scripted reply (content and token usage, an HTTP error, or a delayed
 * reply), or, once the script is used up, with the {@link #respondWith responder}; with neither it answers HTTP 500.
 * Every request body is recorded for assertions.
 *
 * <pre>{@code
 * try (var server = ScriptedOpenAiServer.start()) {
 *     server.reply("{\"facts\":[]}", 12, 3);
 *     ChatModel model = ChatModels.create(LlmSettings.openAi(server.baseUrl(), "test-key", "test-model"));
 *     ...
 *     assertThat(server.requests().getFirst().path("temperature").asDouble()).isZero();
 * }
 * }</pre>
 */
public final class ScriptedOpenAiServer implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** One scripted answer. */
    private sealed interface Reply {
    }

    private record Content(String content, int promptTokens, int completionTokens, Duration delay) implements Reply {
    }

    private record HttpError(int status, String body) implements Reply {
    }

    private final HttpServer server;
    private final ExecutorService executor;
    private final ConcurrentLinkedQueue<Reply> script = new ConcurrentLinkedQueue<>();
    private final List<JsonNode> requests = new ArrayList<>();
    private final AtomicInteger ids = new AtomicInteger();
    private volatile Function<JsonNode, String> responder;

    private ScriptedOpenAiServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        executor = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "scripted-openai");
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(executor);
        server.createContext("/v1/chat/completions", this::handle);
        server.createContext("/chat/completions", this::handle);
        server.start();
    }

    public static ScriptedOpenAiServer start() {
        try {
            return new ScriptedOpenAiServer();
        } catch (IOException e) {
            throw new IllegalStateException("Cannot start the scripted OpenAI server", e);
        }
    }

    /** The OpenAI-style API root, {@code http://127.0.0.1:PORT/v1}. */
    public String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/v1";
    }

    /** Queues a reply with the given content and token usage. */
    public ScriptedOpenAiServer reply(String content, int promptTokens, int completionTokens) {
        script.add(new Content(Objects.requireNonNull(content), promptTokens, completionTokens, Duration.ZERO));
        return this;
    }

    /** Queues a reply with the given content and a usage of 10 prompt and 5 completion tokens. */
    public ScriptedOpenAiServer reply(String content) {
        return reply(content, 10, 5);
    }

    /** Queues a reply sent only after {@code delay}, to exercise client timeouts. */
    public ScriptedOpenAiServer replyAfter(Duration delay, String content) {
        script.add(new Content(Objects.requireNonNull(content), 10, 5, delay));
        return this;
    }

    /** Queues an HTTP error with an OpenAI-style error body. */
    public ScriptedOpenAiServer error(int status) {
        String body = "{\"error\":{\"message\":\"scripted error " + status + "\",\"type\":\"server_error\",\"code\":null}}";
        script.add(new HttpError(status, body));
        return this;
    }

    /** Answers every request once the script is used up: the function gets the request body and returns the content. */
    public ScriptedOpenAiServer respondWith(Function<JsonNode, String> contentForRequest) {
        this.responder = contentForRequest;
        return this;
    }

    /** The bodies of the chat requests received so far, oldest first. */
    public List<JsonNode> requests() {
        synchronized (requests) {
            return List.copyOf(requests);
        }
    }

    public int requestCount() {
        synchronized (requests) {
            return requests.size();
        }
    }

    /** The text of every message of request {@code index}, joined by new lines: handy for asserting prompt content. */
    public String promptOf(int index) {
        StringBuilder sb = new StringBuilder();
        for (JsonNode m : requests().get(index).path("messages")) sb.append(m.path("content").asText()).append('\n');
        return sb.toString();
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (!"POST".equals(exchange.getRequestMethod())) {
                send(exchange, 405, "{\"error\":{\"message\":\"POST only\"}}");
                return;
            }
            JsonNode request;
            try (InputStream in = exchange.getRequestBody()) {
                request = JSON.readTree(in);
            }
            synchronized (requests) {
                requests.add(request);
            }
            Reply next = script.poll();
            if (next == null && responder != null) next = new Content(responder.apply(request), 10, 5, Duration.ZERO);
            switch (next) {
                case null -> send(exchange, 500, "{\"error\":{\"message\":\"no scripted reply left\"}}");
                case HttpError e -> send(exchange, e.status(), e.body());
                case Content c -> {
                    if (!c.delay().isZero()) sleep(c.delay());
                    send(exchange, 200, completion(request, c));
                }
            }
        }
    }

    private String completion(JsonNode request, Content c) throws IOException {
        ObjectNode body = JSON.createObjectNode();
        body.put("id", "chatcmpl-scripted-" + ids.incrementAndGet());
        body.put("object", "chat.completion");
        body.put("created", System.currentTimeMillis() / 1000);
        body.put("model", request.path("model").asText("scripted"));
        ObjectNode choice = body.putArray("choices").addObject();
        choice.put("index", 0);
        choice.putObject("message").put("role", "assistant").put("content", c.content());
        choice.put("finish_reason", "stop");
        body.putObject("usage")
                .put("prompt_tokens", c.promptTokens())
                .put("completion_tokens", c.completionTokens())
                .put("total_tokens", c.promptTokens() + c.completionTokens());
        return JSON.writeValueAsString(body);
    }

    private static void send(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private static void sleep(Duration delay) {
        try {
            Thread.sleep(delay);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
