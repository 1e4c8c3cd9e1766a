package dev.engram.bench.llm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.engram.bench.quality.Conversation;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * An in-process, loopback-only OpenAI-compatible chat-completions endpoint that plays a perfect LLM for one
 * conversation at a time (see {@link ScriptedLlm} for what it answers). It lets the quality report measure the engine's
 * LLM path (prompting, parsing, reconciliation, provenance) without a model, so LLM-mode numbers isolate the engine
 * from the model's mistakes.
 */
public final class ScriptedExtractorServer implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpServer server;
    private final AtomicReference<ScriptedLlm> current = new AtomicReference<>();
    private final AtomicInteger requests = new AtomicInteger();
    private final AtomicInteger failures = new AtomicInteger();

    private ScriptedExtractorServer(HttpServer server) {
        this.server = server;
    }

    /** Starts on an ephemeral loopback port. */
    public static ScriptedExtractorServer start() throws IOException {
        HttpServer http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        var s = new ScriptedExtractorServer(http);
        http.createContext("/", s::handle);
        http.start();
        return s;
    }

    /** The base URL to give an OpenAI client ({@code …/v1}). */
    public String baseUrl() {
        return "http://" + server.getAddress().getHostString() + ":" + server.getAddress().getPort() + "/v1";
    }

    /** From now on answers from this conversation's gold annotations. */
    public void play(Conversation conversation) {
        current.set(new ScriptedLlm(conversation));
    }

    public int requests() {
        return requests.get();
    }

    /** Requests that were not a chat completion the script could answer (bad path, body or no conversation set). */
    public int failures() {
        return failures.get();
    }

    private void handle(HttpExchange exchange) throws IOException {
        requests.incrementAndGet();
        try (exchange) {
            ScriptedLlm llm = current.get();
            if (!"POST".equals(exchange.getRequestMethod()) || !exchange.getRequestURI().getPath().endsWith("/chat/completions")
                    || llm == null) {
                failures.incrementAndGet();
                respond(exchange, 404, error("only POST …/chat/completions is served, after play(conversation)"));
                return;
            }
            JsonNode request;
            try {
                request = JSON.readTree(exchange.getRequestBody());
            } catch (IOException e) {
                failures.incrementAndGet();
                respond(exchange, 400, error("request body is not JSON"));
                return;
            }
            String prompt = promptOf(request);
            String answer = llm.answer(prompt);
            respond(exchange, 200, completion(request.path("model").asText("scripted"), answer, prompt));
        }
    }

    /** Every message's text, in order; content may be a string or a list of typed parts. */
    static String promptOf(JsonNode request) {
        var sb = new StringBuilder();
        for (JsonNode m : request.path("messages")) {
            JsonNode content = m.path("content");
            if (content.isTextual()) sb.append(content.asText()).append('\n');
            else for (JsonNode part : content) sb.append(part.path("text").asText("")).append('\n');
        }
        return sb.toString();
    }

    private static ObjectNode completion(String model, String content, String prompt) {
        ObjectNode root = JSON.createObjectNode();
        root.put("id", "chatcmpl-scripted");
        root.put("object", "chat.completion");
        root.put("created", System.currentTimeMillis() / 1000);
        root.put("model", model);
        ArrayNode choices = root.putArray("choices");
        ObjectNode choice = choices.addObject();
        choice.put("index", 0);
        ObjectNode message = choice.putObject("message");
        message.put("role", "assistant");
        message.put("content", content);
        choice.put("finish_reason", "stop");
        // Rough token counts (4 characters a token) so cost accounting downstream has plausible, non-zero numbers.
        int promptTokens = Math.max(1, prompt.length() / 4), completionTokens = Math.max(1, content.length() / 4);
        ObjectNode usage = root.putObject("usage");
        usage.put("prompt_tokens", promptTokens);
        usage.put("completion_tokens", completionTokens);
        usage.put("total_tokens", promptTokens + completionTokens);
        return root;
    }

    private static ObjectNode error(String message) {
        ObjectNode root = JSON.createObjectNode();
        root.putObject("error").put("message", message).put("type", "invalid_request_error");
        return root;
    }

    private static void respond(HttpExchange exchange, int status, JsonNode body) throws IOException {
        byte[] bytes = JSON.writeValueAsBytes(body);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
