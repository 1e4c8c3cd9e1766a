package dev.engram.platform.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import dev.engram.core.domain.Tenant;
import dev.engram.core.store.jdbc.SqliteDatabase;
import dev.engram.core.webhook.DeliveryStatus;
import dev.engram.core.webhook.JdbcWebhookStore;
import dev.engram.core.webhook.Webhook;
import dev.engram.core.webhook.WebhookBackoff;
import dev.engram.core.webhook.WebhookDelivery;
import dev.engram.core.webhook.WebhookEventType;
import dev.engram.core.webhook.WebhookPayloads;
import dev.engram.core.webhook.WebhookSignature;
import dev.engram.core.webhook.WebhookStore;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The dispatcher against a real HTTP receiver on loopback (JDK HttpServer): a receiver that fails then recovers gets the
 * same delivery again after the backoff, signed and with Mem0's payload; one that never recovers ends FAILED after the
 * last attempt; a loopback target without the private-target allowance is never contacted.
 */
class WebhookDispatcherTest {

    private static final Tenant TENANT = Tenant.of("org", "proj");

    /** One request the receiver got. */
    record Received(Map<String, String> headers, String body, Instant at) {
    }

    @TempDir
    Path dir;

    private SqliteDatabase database;
    private WebhookStore store;
    private HttpServer receiver;
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final AtomicInteger failuresLeft = new AtomicInteger();
    private WebhookDispatcher dispatcher;

    @BeforeEach
    void open() throws IOException {
        database = SqliteDatabase.open(dir.resolve("directory.db"), 2);
        store = JdbcWebhookStore.migrating(database.database());
        receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext("/hook", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            var h = exchange.getRequestHeaders();
            received.add(new Received(Map.of("signature", String.valueOf(h.getFirst("X-Engram-Signature")),
                    "timestamp", String.valueOf(h.getFirst("X-Engram-Timestamp")),
                    "delivery", String.valueOf(h.getFirst("X-Engram-Delivery")), "event", String.valueOf(h.getFirst("X-Engram-Event")),
                    "type", String.valueOf(h.getFirst("Content-Type"))), body, Instant.now()));
            int status = failuresLeft.getAndDecrement() > 0 ? 500 : 200;
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
        });
        receiver.start();
    }

    @AfterEach
    void close() {
        if (dispatcher != null) dispatcher.close();
        receiver.stop(0);
        database.close();
    }

    private String url() {
        return "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook";
    }

    private WebhookDispatcher dispatcher(int maxAttempts, boolean allowPrivate) {
        var settings = new WebhookDispatcher.Settings(Duration.ofMillis(50), Duration.ofSeconds(5),
                new WebhookBackoff(Duration.ofMillis(400), Duration.ofSeconds(2), maxAttempts), allowPrivate);
        dispatcher = new WebhookDispatcher(store, settings, Clock.systemUTC(), new SimpleMeterRegistry());
        return dispatcher;
    }

    private WebhookDelivery onlyDelivery(Webhook w) {
        List<WebhookDelivery> log = store.deliveries(TENANT, w.id(), 10);
        assertThat(log).hasSize(1);
        return log.get(0);
    }

    private WebhookDelivery awaitStatus(Webhook w, DeliveryStatus status) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (System.nanoTime() < deadline) {
            WebhookDelivery d = onlyDelivery(w);
            if (d.status() == status) return d;
            Thread.sleep(20);
        }
        throw new AssertionError("Delivery never reached " + status + ": " + onlyDelivery(w));
    }

    @Test
    void aReceiverThatFailsThenRecoversGetsTheSameSignedDeliveryAgainAfterTheBackoff() throws Exception {
        String secret = WebhookSignature.newSecret();
        Webhook w = store.create(TENANT, "hook", url(), Set.of(WebhookEventType.MEMORY_ADD), secret, Instant.now());
        UUID memory = UUID.randomUUID();
        failuresLeft.set(1);
        store.enqueue(TENANT, List.of(WebhookPayloads.event(WebhookEventType.MEMORY_ADD, memory, "Likes green tea")), Instant.now());

        dispatcher(5, true).start();
        WebhookDelivery done = awaitStatus(w, DeliveryStatus.DELIVERED);

        assertThat(done.attempts()).isEqualTo(2);
        assertThat(done.lastStatusCode()).isEqualTo(200);
        assertThat(done.lastError()).isNull();
        assertThat(received).hasSize(2);
        Received first = received.get(0), second = received.get(1);
        assertThat(Duration.between(first.at(), second.at())).as("backoff").isGreaterThanOrEqualTo(Duration.ofMillis(350));
        assertThat(second.headers().get("delivery")).as("idempotency key").isEqualTo(first.headers().get("delivery"))
                .isEqualTo(done.id().toString());
        for (Received r : received) {
            assertThat(WebhookSignature.verify(secret, r.body(), r.headers().get("timestamp"), r.headers().get("signature"), r.at(),
                    WebhookSignature.DEFAULT_TOLERANCE)).as("signed with the attempt's time").isTrue();
            assertThat(r.headers().get("event")).isEqualTo("memory_add");
            assertThat(r.headers().get("type")).startsWith("application/json");
        }
        JsonNode body = new ObjectMapper().readTree(second.body());
        assertThat(body.path("event_details").path("id").asText()).isEqualTo(memory.toString());
        assertThat(body.path("event_details").path("data").path("memory").asText()).isEqualTo("Likes green tea");
        assertThat(body.path("event_details").path("event").asText()).isEqualTo("ADD");
    }

    @Test
    void aReceiverThatNeverRecoversFailsForGoodAfterTheLastAttempt() throws Exception {
        Webhook w = store.create(TENANT, "hook", url(), Set.of(WebhookEventType.MEMORY_DELETE), "s", Instant.now());
        failuresLeft.set(Integer.MAX_VALUE);
        store.enqueue(TENANT, List.of(WebhookPayloads.event(WebhookEventType.MEMORY_DELETE, UUID.randomUUID(), "gone")), Instant.now());

        dispatcher(2, true).start();
        WebhookDelivery failed = awaitStatus(w, DeliveryStatus.FAILED);

        assertThat(failed.attempts()).isEqualTo(2);
        assertThat(failed.lastStatusCode()).isEqualTo(500);
        assertThat(failed.lastError()).isEqualTo("HTTP 500");
        Thread.sleep(600);
        assertThat(received).hasSize(2);
    }

    @Test
    void aLoopbackTargetIsRefusedWithoutThePrivateTargetAllowance() {
        Webhook w = store.create(TENANT, "hook", url(), Set.of(WebhookEventType.MEMORY_ADD), "s", Instant.now());
        store.enqueue(TENANT, List.of(WebhookPayloads.event(WebhookEventType.MEMORY_ADD, UUID.randomUUID(), "x")), Instant.now());

        assertThat(dispatcher(3, false).dispatchDue()).isEqualTo(1);

        WebhookDelivery d = onlyDelivery(w);
        assertThat(d.status()).isEqualTo(DeliveryStatus.PENDING);
        assertThat(d.lastError()).startsWith("Target refused");
        assertThat(received).isEmpty();
    }

    @Test
    void anUnreachableReceiverIsRetried() {
        receiver.stop(0);
        Webhook w = store.create(TENANT, "hook", url(), Set.of(WebhookEventType.MEMORY_ADD), "s", Instant.now());
        store.enqueue(TENANT, List.of(WebhookPayloads.event(WebhookEventType.MEMORY_ADD, UUID.randomUUID(), "x")), Instant.now());

        dispatcher(3, true).dispatchDue();

        WebhookDelivery d = onlyDelivery(w);
        assertThat(d.status()).isEqualTo(DeliveryStatus.PENDING);
        assertThat(d.attempts()).isEqualTo(1);
        assertThat(d.lastStatusCode()).isNull();
        assertThat(d.lastError()).startsWith("Connection failed");
        assertThat(d.nextAttemptAt()).isAfter(Instant.now().plusMillis(100));
    }
}
