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
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * A chat server for tests, on 127.0.0.1 and a free port, speaking one provider's wire format: real HTTP, so the real
 * LangChain4j chat model of that provider can be pointed at {@link #baseUrl()} ({@link #settings} builds the settings).
 * <ul>
 *   <li>{@link LlmProvider#OPENAI}: {@code POST /v1/chat/completions} (and {@code /chat/completions});</li>
 *   <li>{@link LlmProvider#ANTHROPIC}: the Messages API, {@code POST /v1/messages}, content blocks, {@code usage.input_tokens};</li>
 *   <li>{@link LlmProvider#OLLAMA}: Ollama's native {@code POST /api/chat}, non-streaming, {@code prompt_eval_count};</li>
 *   <li>{@link LlmProvider#GEMINI}: Google AI's {@code POST /v1beta/models/<model>:generateContent}, {@code usageMetadata}.</li>
 * </ul>
 * It answers with the next scripted reply (content and token usage, an HTTP error, or a delayed reply), or, once the
 * script is used up, with the {@link #respondWith responder}; with neither it answers HTTP 500. Every request body and
 * its headers are recorded for assertions.
 *
 * <pre>{@code
 * try (var server = ScriptedChatServer.start()) {
 *     server.reply("{\"facts\":[]}", 12, 3);
 *     ChatModel model = ChatModels.create(LlmSettings.openAi(server.baseUrl(), "test-key", "test-model"));
 *     ...
 *     assertThat(server.requests().getFirst().path("temperature").asDouble()).isZero();
 * }
 * }</pre>
 */
public final class ScriptedChatServer implements AutoCloseable {

    /** A request as received: the path, the headers (names in lower case) and the JSON body. */
    public record Exchange(String path, Map<String, String> headers, JsonNode body) {
    }

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
    private final List<Exchange> requests = new ArrayList<>();
    private final LlmProvider wire;
    private final AtomicInteger ids = new AtomicInteger();
    private volatile Function<JsonNode, String> responder;

    private ScriptedChatServer(LlmProvider wire) throws IOException {
        this.wire = wire;
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        executor = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "scripted-" + wire.name().toLowerCase(Locale.ROOT));
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(executor);
        switch (wire) {
            case OPENAI -> {
                server.createContext("/v1/chat/completions", this::handle);
                server.createContext("/chat/completions", this::handle);
            }
            case ANTHROPIC -> server.createContext("/v1/messages", this::handle);
            case OLLAMA -> server.createContext("/api/chat", this::handle);
            case GEMINI -> server.createContext("/v1beta/models/", this::handle);
        }
        server.start();
    }

    /** An OpenAI-compatible server. */
    public static ScriptedChatServer start() {
        return start(LlmProvider.OPENAI);
    }

    /** A server speaking {@code wire}'s format (OpenAI, Anthropic or Ollama). */
    public static ScriptedChatServer start(LlmProvider wire) {
        try {
            return new ScriptedChatServer(wire);
        } catch (IOException e) {
            throw new IllegalStateException("Cannot start the scripted " + wire + " server", e);
        }
    }

    /**
     * The API root the provider's client expects: {@code http://127.0.0.1:PORT/v1} for OpenAI and Anthropic (whose
     * clients append {@code /chat/completions} and {@code /messages}), {@code /v1beta} for Gemini (which appends
     * {@code /models/<model>:generateContent}), the bare origin for Ollama.
     */
    public String baseUrl() {
        String origin = "http://127.0.0.1:" + server.getAddress().getPort();
        return switch (wire) {
            case OLLAMA -> origin;
            case GEMINI -> origin + "/v1beta";
            default -> origin + "/v1";
        };
    }

    /** Settings for this server's provider with the defaults (temperature 0, 60 s timeout, JSON replies). */
    public LlmSettings settings(String apiKey, String model) {
        return new LlmSettings(wire, baseUrl(), apiKey, model, null, null, null, null);
    }

    /** Queues a reply with the given content and token usage. */
    public ScriptedChatServer reply(String content, int promptTokens, int completionTokens) {
        script.add(new Content(Objects.requireNonNull(content), promptTokens, completionTokens, Duration.ZERO));
        return this;
    }

    /** Queues a reply with the given content and a usage of 10 prompt and 5 completion tokens. */
    public ScriptedChatServer reply(String content) {
        return reply(content, 10, 5);
    }

    /** Queues a reply sent only after {@code delay}, to exercise client timeouts. */
    public ScriptedChatServer replyAfter(Duration delay, String content) {
        script.add(new Content(Objects.requireNonNull(content), 10, 5, delay));
        return this;
    }

    /** Queues an HTTP error with an OpenAI-style error body. */
    public ScriptedChatServer error(int status) {
        String message = "scripted error " + status;
        String body = switch (wire) {
            case ANTHROPIC -> "{\"type\":\"error\",\"error\":{\"type\":\"api_error\",\"message\":\"" + message + "\"}}";
            case OLLAMA -> "{\"error\":\"" + message + "\"}";
            case GEMINI -> "{\"error\":{\"code\":" + status + ",\"message\":\"" + message + "\",\"status\":\"INTERNAL\"}}";
            default -> "{\"error\":{\"message\":\"" + message + "\",\"type\":\"server_error\",\"code\":null}}";
        };
        script.add(new HttpError(status, body));
        return this;
    }

    /** Answers every request once the script is used up: the function gets the request body and returns the content. */
    public ScriptedChatServer respondWith(Function<JsonNode, String> contentForRequest) {
        this.responder = contentForRequest;
        return this;
    }

    /** The bodies of the chat requests received so far, oldest first. */
    public List<JsonNode> requests() {
        return exchanges().stream().map(Exchange::body).toList();
    }

    /** The chat requests received so far with their paths and headers, oldest first. */
    public List<Exchange> exchanges() {
        synchronized (requests) {
            return List.copyOf(requests);
        }
    }

    public int requestCount() {
        synchronized (requests) {
            return requests.size();
        }
    }

    /**
     * The text of every message of request {@code index}, joined by new lines (Anthropic's top-level {@code system}
     * first): handy for asserting prompt content on any wire.
     */
    public String promptOf(int index) {
        JsonNode body = requests().get(index);
        StringBuilder sb = new StringBuilder();
        if (body.has("system")) sb.append(text(body.path("system"))).append('\n');
        for (JsonNode m : body.path("messages")) sb.append(text(m.path("content"))).append('\n');
        for (JsonNode part : body.path("systemInstruction").path("parts")) sb.append(part.path("text").asText()).append('\n');
        for (JsonNode c : body.path("contents")) {
            for (JsonNode part : c.path("parts")) sb.append(part.path("text").asText()).append('\n');
        }
        return sb.toString();
    }

    /** A message's content: a string, or (Anthropic) an array of content blocks whose texts are joined. */
    public static String text(JsonNode content) {
        if (!content.isArray()) return content.asText();
        StringBuilder sb = new StringBuilder();
        for (JsonNode block : content) sb.append(block.path("text").asText());
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
            Map<String, String> headers = new TreeMap<>();
            exchange.getRequestHeaders().forEach((name, values) -> headers.put(name.toLowerCase(Locale.ROOT), String.join(",", values)));
            synchronized (requests) {
                requests.add(new Exchange(exchange.getRequestURI().getPath(), headers, request));
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
        return switch (wire) {
            case ANTHROPIC -> anthropicMessage(request, c);
            case OLLAMA -> ollamaChat(request, c);
            case GEMINI -> geminiContent(c);
            default -> openAiCompletion(request, c);
        };
    }

    private String geminiContent(Content c) throws IOException {
        ObjectNode body = JSON.createObjectNode();
        ObjectNode candidate = body.putArray("candidates").addObject();
        ObjectNode content = candidate.putObject("content");
        content.putArray("parts").addObject().put("text", c.content());
        content.put("role", "model");
        candidate.put("finishReason", "STOP");
        candidate.put("index", 0);
        body.putObject("usageMetadata")
                .put("promptTokenCount", c.promptTokens())
                .put("candidatesTokenCount", c.completionTokens())
                .put("totalTokenCount", c.promptTokens() + c.completionTokens());
        body.put("modelVersion", "scripted");
        return JSON.writeValueAsString(body);
    }

    private String anthropicMessage(JsonNode request, Content c) throws IOException {
        ObjectNode body = JSON.createObjectNode();
        body.put("id", "msg_scripted_" + ids.incrementAndGet());
        body.put("type", "message");
        body.put("role", "assistant");
        body.put("model", request.path("model").asText("scripted"));
        body.putArray("content").addObject().put("type", "text").put("text", c.content());
        body.put("stop_reason", "end_turn");
        body.putNull("stop_sequence");
        body.putObject("usage").put("input_tokens", c.promptTokens()).put("output_tokens", c.completionTokens());
        return JSON.writeValueAsString(body);
    }

    private String ollamaChat(JsonNode request, Content c) throws IOException {
        ObjectNode body = JSON.createObjectNode();
        body.put("model", request.path("model").asText("scripted"));
        body.put("created_at", java.time.Instant.now().toString());
        body.putObject("message").put("role", "assistant").put("content", c.content());
        body.put("done", true);
        body.put("done_reason", "stop");
        body.put("total_duration", 1_000_000L);
        body.put("prompt_eval_count", c.promptTokens());
        body.put("eval_count", c.completionTokens());
        return JSON.writeValueAsString(body);
    }

    private String openAiCompletion(JsonNode request, Content c) throws IOException {
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
