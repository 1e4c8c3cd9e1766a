package dev.engram.gateway.messaging;

import com.sun.net.httpserver.HttpServer;
import dev.engram.core.domain.Tenant;
import dev.engram.core.usage.UsageEvent;
import dev.engram.core.usage.UsageEventCodec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The HTTP transport against a real HTTP server (the JDK's): what it sends, and that a refusal is a failure. */
class HttpUsageTransportTest {

    private static final Tenant ACME = Tenant.of("acme", "default");
    private final List<String> authorizations = new CopyOnWriteArrayList<>();
    private final List<String> contentTypes = new CopyOnWriteArrayList<>();
    private final List<UsageEvent> received = new CopyOnWriteArrayList<>();
    private final AtomicInteger status = new AtomicInteger(204);
    private HttpServer server;

    @BeforeEach
    void startServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/internal/usage", exchange -> {
            authorizations.add(exchange.getRequestHeaders().getFirst("Authorization"));
            contentTypes.add(exchange.getRequestHeaders().getFirst("Content-Type"));
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            for (String line : body.split("\n")) if (!line.isEmpty()) received.add(UsageEventCodec.decode(line.getBytes(StandardCharsets.UTF_8)));
            exchange.sendResponseHeaders(status.get(), -1);
            exchange.close();
        });
        server.start();
    }

    @AfterEach
    void stopServer() {
        server.stop(0);
    }

    private HttpUsageTransport transport() {
        return new HttpUsageTransport(URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/internal/usage"), "s3cret",
                Duration.ofSeconds(5));
    }

    @Test
    void aBatchIsOnePostOfNewlineDelimitedEventsWithTheBearerSecret() {
        List<UsageEvent> batch = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            batch.add(UsageEvent.request(ACME, Instant.parse("2026-01-01T10:15:00Z").plusSeconds(i), UsageEvent.Operation.SEARCH,
                    "POST /v2/memories/search/", 200, 10 + i, "user-" + i, 30, 0));
        }
        transport().send(batch);
        assertThat(received).containsExactlyElementsOf(batch);
        assertThat(authorizations).containsExactly("Bearer s3cret");
        assertThat(contentTypes).containsExactly(UsageEventCodec.BATCH_CONTENT_TYPE);
    }

    @Test
    void aRefusedOrUnreachableEndpointIsAFailureTheSinkCounts() {
        UsageEvent e = UsageEvent.request(ACME, Instant.now(), UsageEvent.Operation.ADD, "POST /v1/memories/", 200, 5, null, 0, 12);
        status.set(401);
        assertThatThrownBy(() -> transport().send(List.of(e))).hasMessageContaining("401");
        server.stop(0);
        assertThatThrownBy(() -> transport().send(List.of(e))).hasMessageContaining("unreachable");
    }

    @Test
    void aSecretIsRequired() {
        assertThatThrownBy(() -> new HttpUsageTransport(URI.create("http://127.0.0.1:1/"), " ", Duration.ofSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
