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
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * One HTTP server on loopback for {@link DocumentsVisionRouteTest}: it serves a Markdown document and a PNG image, and
 * speaks OpenAI's chat completions as the vision-capable LLM profile {@code seeing}: a request that carries an image
 * is answered with {@link #DESCRIPTION}, any other (fact extraction) with one fact; profile {@code broken}, vision-capable
 * too, always answers 500. Request bodies are recorded. The
 * gateway is configured to allow private URLs, since the documents are on loopback.
 */
public class DocumentServerResource implements QuarkusTestResourceLifecycleManager {

    public static final String MARKDOWN = "# Home\n\nI live in Bergen with my sister.\n\n# Work\n\nI work as a ferry pilot.";
    /** A PNG signature and a few bytes: enough to be told apart as PNG, and sent to the LLM as they are. */
    public static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0, 0, 13, 'I', 'H', 'D', 'R'};
    public static final String DESCRIPTION = "A red bicycle leaning on a canal railing in Amsterdam, with a basket of tulips.";
    public static final String VISION_FACT = "User owns a red bicycle with a basket";

    public static final List<JsonNode> LLM_REQUESTS = new CopyOnWriteArrayList<>();
    public static volatile String origin;

    private static final ObjectMapper JSON = new ObjectMapper();

    private HttpServer server;

    @Override
    public Map<String, String> start() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        server.createContext("/docs/notes.md", ex -> send(ex, 200, "text/markdown; charset=utf-8", MARKDOWN.getBytes(StandardCharsets.UTF_8)));
        server.createContext("/docs/photo.png", ex -> send(ex, 200, "image/png", PNG));
        server.createContext("/docs/page.html", ex -> send(ex, 200, "text/html", "<html>hi</html>".getBytes(StandardCharsets.UTF_8)));
        server.createContext("/llm/v1/chat/completions", DocumentServerResource::chat);
        server.createContext("/broken/v1/chat/completions", ex -> send(ex, 500, "application/json", "{\"error\":\"down\"}".getBytes(StandardCharsets.UTF_8)));
        server.start();
        origin = "http://127.0.0.1:" + server.getAddress().getPort();
        return Map.of(
                "engram.documents.allow-private-urls", "true",
                "engram.llm.profiles.seeing.provider", "openai",
                "engram.llm.profiles.seeing.base-url", origin + "/llm/v1",
                "engram.llm.profiles.seeing.api-key", "seeing-key",
                "engram.llm.profiles.seeing.model", "seeing-model",
                "engram.llm.profiles.seeing.vision", "true",
                "engram.llm.profiles.broken.base-url", origin + "/broken/v1",
                "engram.llm.profiles.broken.model", "broken-model",
                "engram.llm.profiles.broken.vision", "true");
    }

    private static void chat(HttpExchange ex) throws IOException {
        JsonNode body;
        try (InputStream in = ex.getRequestBody()) {
            body = JSON.readTree(in);
        }
        LLM_REQUESTS.add(body);
        String content = body.toString().contains("\"image_url\"") ? DESCRIPTION : "{\"facts\":[\"" + VISION_FACT + "\"]}";
        byte[] reply = JSON.writeValueAsBytes(Map.of("id", "c1", "object", "chat.completion", "created", 0, "model", "seeing-model",
                "choices", List.of(Map.of("index", 0, "finish_reason", "stop", "message", Map.of("role", "assistant", "content", content))),
                "usage", Map.of("prompt_tokens", 10, "completion_tokens", 5, "total_tokens", 15)));
        send(ex, 200, "application/json", reply);
    }

    private static void send(HttpExchange ex, int status, String type, byte[] body) throws IOException {
        ex.getResponseHeaders().add("Content-Type", type);
        ex.sendResponseHeaders(status, body.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(body);
        }
    }

    @Override
    public void stop() {
        if (server != null) server.stop(0);
    }
}
