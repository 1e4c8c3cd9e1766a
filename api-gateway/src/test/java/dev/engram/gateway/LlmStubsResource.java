package dev.engram.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Two LLM servers on loopback, configured as the gateway's named LLM profiles: {@code fast} speaks OpenAI's chat
 * completions, {@code claude} Anthropic's Messages API. Each answers every call with one fact naming itself (a user
 * profile's summary request with a summary naming itself) and records the request bodies, so a test can tell which
 * provider extracted an add or summarised a profile.
 */
public class LlmStubsResource implements QuarkusTestResourceLifecycleManager {

    public static final String OPENAI_FACT = "Extracted by the OpenAI-wire profile";
    public static final String ANTHROPIC_FACT = "Extracted by the Anthropic-wire profile";
    /** What each answers a user profile's summary request with. */
    public static final String OPENAI_SUMMARY = "Summarised by the OpenAI-wire profile.";
    public static final String ANTHROPIC_SUMMARY = "Summarised by the Anthropic-wire profile.";

    /** Request bodies received, per wire. */
    public static final List<JsonNode> OPENAI_REQUESTS = new CopyOnWriteArrayList<>();
    public static final List<JsonNode> ANTHROPIC_REQUESTS = new CopyOnWriteArrayList<>();

    private static final ObjectMapper JSON = new ObjectMapper();

    private HttpServer server;

    @Override
    public Map<String, String> start() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        server.createContext("/openai/v1/chat/completions", ex -> answer(ex, OPENAI_REQUESTS, content -> Map.of(
                "id", "c1", "object", "chat.completion", "created", 0, "model", "fast-model",
                "choices", List.of(Map.of("index", 0, "finish_reason", "stop",
                        "message", Map.of("role", "assistant", "content", content))),
                "usage", Map.of("prompt_tokens", 10, "completion_tokens", 5, "total_tokens", 15)), OPENAI_FACT, OPENAI_SUMMARY));
        server.createContext("/anthropic/v1/messages", ex -> answer(ex, ANTHROPIC_REQUESTS, content -> Map.of(
                "id", "msg_1", "type", "message", "role", "assistant", "model", "claude-model",
                "content", List.of(Map.of("type", "text", "text", content)),
                "stop_reason", "end_turn", "usage", Map.of("input_tokens", 10, "output_tokens", 5)), ANTHROPIC_FACT, ANTHROPIC_SUMMARY));
        server.start();
        String origin = "http://127.0.0.1:" + server.getAddress().getPort();
        return Map.of(
                "engram.llm.profiles.fast.provider", "openai",
                "engram.llm.profiles.fast.base-url", origin + "/openai/v1",
                "engram.llm.profiles.fast.api-key", "fast-key",
                "engram.llm.profiles.fast.model", "fast-model",
                "engram.llm.profiles.claude.provider", "anthropic",
                "engram.llm.profiles.claude.base-url", origin + "/anthropic/v1",
                "engram.llm.profiles.claude.api-key", "claude-key",
                "engram.llm.profiles.claude.model", "claude-model");
    }

    private static String facts(String fact) {
        return "{\"facts\":[\"" + fact + "\"]}";
    }

    private static void answer(HttpExchange exchange, List<JsonNode> received, Function<String, Map<String, Object>> reply, String fact,
                               String summary) throws IOException {
        JsonNode request;
        try (InputStream in = exchange.getRequestBody()) {
            request = JSON.readTree(in);
        }
        received.add(request);
        String content = request.toString().contains("concise profile of a user") ? "{\"summary\":\"" + summary + "\"}" : facts(fact);
        byte[] body = JSON.writeValueAsString(reply.apply(content)).getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(200, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    @Override
    public void stop() {
        if (server != null) server.stop(0);
    }
}
