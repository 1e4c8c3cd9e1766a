package dev.engram.springai;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import dev.engram.client.EngramClient;
import dev.engram.client.RetryPolicy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A loopback stand-in for Engram's search and add routes: records each request body and answers the search with the
 * scripted hits (after an optional delay) and the add with a queued event.
 */
final class FakeEngram implements AutoCloseable {

    record Call(String path, JsonNode body) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool();
    final List<Call> calls = new CopyOnWriteArrayList<>();
    volatile String searchResults = "[]";
    volatile Duration searchDelay = Duration.ZERO;

    FakeEngram() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            String path = exchange.getRequestURI().getRawPath();
            calls.add(new Call(path, JSON.readTree(exchange.getRequestBody().readAllBytes())));
            String reply;
            if (path.equals("/v3/memories/search/")) {
                pause(searchDelay);
                reply = "{\"results\":" + searchResults + "}";
            } else if (path.equals("/v3/memories/add/")) {
                reply = "{\"status\":\"PENDING\",\"event_id\":\"evt-1\",\"message\":\"queued\"}";
            } else {
                reply = "{}";
            }
            byte[] bytes = reply.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, bytes.length);
            exchange.getResponseBody().write(bytes);
            exchange.close();
        });
        server.setExecutor(executor);
        server.start();
    }

    /** Search hits as the server sends them: {@code memory} text and score, best first. */
    void hits(String... memories) {
        StringBuilder out = new StringBuilder("[");
        for (int i = 0; i < memories.length; i++) {
            if (i > 0) out.append(',');
            out.append("{\"id\":\"m").append(i).append("\",\"memory\":").append(quote(memories[i])).append(",\"score\":")
                    .append(0.9 - i * 0.1).append('}');
        }
        searchResults = out.append(']').toString();
    }

    List<Call> calls(String path) {
        return calls.stream().filter(c -> c.path().equals(path)).toList();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    EngramClient client() {
        return EngramClient.builder(url()).apiKey("test-key")
                .retryPolicy(RetryPolicy.none()).build();
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    private static String quote(String text) {
        try {
            return JSON.writeValueAsString(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void pause(Duration delay) {
        try {
            Thread.sleep(delay.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
