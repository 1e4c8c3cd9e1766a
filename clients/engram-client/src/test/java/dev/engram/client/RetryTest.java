package dev.engram.client;

import dev.engram.client.FakeServer.Reply;
import dev.engram.client.error.ConnectionException;
import dev.engram.client.error.RateLimitedException;
import dev.engram.client.error.ServerException;

import dev.engram.client.model.AddRequest;
import dev.engram.client.model.Scope;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Retries on 429/503 and on connection failures: how many, how long apart, and what is finally thrown. */
class RetryTest {

    private static final String OK = "{\"results\":[]}";
    private final RetryPolicy fast = RetryPolicy.defaults().withBackoff(Duration.ofMillis(20), Duration.ofMillis(100)).withJitter(0);
    private FakeServer server;

    @BeforeEach
    void start() throws Exception {
        server = new FakeServer();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private EngramClient client(RetryPolicy policy) {
        return EngramClient.builder(server.url()).apiKey("k").retryPolicy(policy).build();
    }

    private static long millisBetween(FakeServer.Recorded a, FakeServer.Recorded b) {
        return Duration.ofNanos(b.atNanos() - a.atNanos()).toMillis();
    }

    @Test
    void a503IsRetriedWithGrowingBackoffThenSucceeds() {
        server.reply(Reply.problem(503, "Service Unavailable", "index busy", Map.of()),
                Reply.problem(503, "Service Unavailable", "index busy", Map.of()), Reply.json(200, OK));

        assertThat(client(fast).search("q", Scope.user("u")).results()).isEmpty();

        assertThat(server.requests).hasSize(3);
        assertThat(millisBetween(server.requests.get(0), server.requests.get(1))).isGreaterThanOrEqualTo(20);
        assertThat(millisBetween(server.requests.get(1), server.requests.get(2))).isGreaterThanOrEqualTo(40);
    }

    @Test
    void retryAfterInSecondsIsHonoured() {
        server.reply(Reply.problem(429, "Too Many Requests", "slow down", Map.of("Retry-After", "1")), Reply.json(200, OK));

        client(fast).search("q", Scope.user("u"));

        assertThat(server.requests).hasSize(2);
        assertThat(millisBetween(server.requests.get(0), server.requests.get(1))).isGreaterThanOrEqualTo(950);
    }

    @Test
    void retryAfterAsAnHttpDateIsHonoured() {
        String inTwoSeconds = DateTimeFormatter.RFC_1123_DATE_TIME.format(ZonedDateTime.now(ZoneOffset.UTC).plusSeconds(2));
        server.reply(Reply.problem(503, "Service Unavailable", "restarting", Map.of("Retry-After", inTwoSeconds)), Reply.json(200, OK));

        client(fast).search("q", Scope.user("u"));

        assertThat(server.requests).hasSize(2);
        // the date has one-second resolution: at least a second later, never the 20 ms backoff
        assertThat(millisBetween(server.requests.get(0), server.requests.get(1))).isGreaterThanOrEqualTo(900);
    }

    @Test
    void retryAfterBeyondThePolicyCapIsThrownAtOnce() {
        server.reply(Reply.problem(429, "Too Many Requests", "quota for this hour", Map.of("Retry-After", "3600")), Reply.json(200, OK));

        assertThatThrownBy(() -> client(fast.withMaxRetryAfter(Duration.ofSeconds(5))).search("q", Scope.user("u")))
                .isInstanceOfSatisfying(RateLimitedException.class, e -> {
                    assertThat(e.status()).isEqualTo(429);
                    assertThat(e.retryAfter()).contains(Duration.ofHours(1));
                    assertThat(e.detail()).isEqualTo("quota for this hour");
                });
        assertThat(server.requests).hasSize(1);
    }

    @Test
    void attemptsAreBoundedAndTheLastErrorIsThrown() {
        server.reply(Reply.problem(503, "Service Unavailable", "still down", Map.of()));

        assertThatThrownBy(() -> client(fast.withMaxAttempts(3)).search("q", Scope.user("u")))
                .isInstanceOfSatisfying(ServerException.class, e -> assertThat(e.status()).isEqualTo(503));
        assertThat(server.requests).hasSize(3);
    }

    @Test
    void otherErrorsAreNotRetried() {
        server.reply(Reply.problem(500, "Internal Server Error", "bug", Map.of()), Reply.json(200, OK));

        assertThatThrownBy(() -> client(fast).search("q", Scope.user("u"))).isInstanceOf(ServerException.class);
        assertThat(server.requests).hasSize(1);
    }

    @Test
    void addIsRetriedOn429BecauseTheServerDidNotProcessIt() {
        server.reply(Reply.problem(429, "Too Many Requests", "slow down", Map.of()),
                Reply.json(200, "{\"status\":\"PENDING\",\"event_id\":\"e\"}"));

        assertThat(client(fast).add(AddRequest.builder(Scope.user("u")).text("x").build()).eventId()).isEqualTo("e");
        assertThat(server.requests).hasSize(2);
    }

    @Test
    void aRefusedConnectionIsRetriedThenThrownAsConnectionException() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket()) {
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            closedPort = socket.getLocalPort();
        }
        EngramClient client = EngramClient.builder("http://127.0.0.1:" + closedPort).apiKey("k").retryPolicy(fast.withMaxAttempts(3)).build();

        long start = System.nanoTime();
        assertThatThrownBy(() -> client.get("m1"))
                .isInstanceOfSatisfying(ConnectionException.class, e -> {
                    assertThat(e.status()).isZero();
                    assertThat(e.getMessage()).contains("after 3 attempts");
                });
        // two waits of 20 and 40 ms happened
        assertThat(Duration.ofNanos(System.nanoTime() - start).toMillis()).isGreaterThanOrEqualTo(60);
    }

    @Test
    void aTimedOutAddIsNotResentButATimedOutReadIs() throws Exception {
        try (ServerSocket silent = new ServerSocket()) { // accepts connections and never answers
            silent.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 50);
            EngramClient client = EngramClient.builder("http://127.0.0.1:" + silent.getLocalPort()).apiKey("k")
                    .requestTimeout(Duration.ofMillis(300)).retryPolicy(fast.withMaxAttempts(2)).build();

            assertThatThrownBy(() -> client.add(AddRequest.builder(Scope.user("u")).text("x").build()))
                    .isInstanceOf(ConnectionException.class).hasMessageContaining("after 1 attempt)");
            assertThatThrownBy(() -> client.get("m1"))
                    .isInstanceOf(ConnectionException.class).hasMessageContaining("after 2 attempts");
        }
    }

    @Test
    void backoffGrowsIsCappedAndJittered() {
        RetryPolicy policy = RetryPolicy.defaults().withBackoff(Duration.ofMillis(100), Duration.ofMillis(500)).withJitter(0.5);
        assertThat(policy.backoff(1, () -> 0.0)).isEqualTo(Duration.ofMillis(100));
        assertThat(policy.backoff(2, () -> 0.0)).isEqualTo(Duration.ofMillis(200));
        assertThat(policy.backoff(3, () -> 0.0)).isEqualTo(Duration.ofMillis(400));
        assertThat(policy.backoff(4, () -> 0.0)).isEqualTo(Duration.ofMillis(500));
        assertThat(policy.backoff(2, () -> 0.999999)).isBetween(Duration.ofMillis(100), Duration.ofMillis(101));
    }

    @Test
    void retryAfterParsing() {
        Clock clock = Clock.fixed(Instant.parse("2026-12-07T10:00:00Z"), ZoneOffset.UTC);
        assertThat(RetryAfter.parse("120", clock)).contains(Duration.ofSeconds(120));
        assertThat(RetryAfter.parse("Mon, 07 Dec 2026 10:00:30 GMT", clock)).contains(Duration.ofSeconds(30));
        assertThat(RetryAfter.parse("Mon, 07 Dec 2026 09:00:00 GMT", clock)).contains(Duration.ZERO);
        assertThat(RetryAfter.parse("soon", clock)).isEmpty();
        assertThat(RetryAfter.parse(null, clock)).isEmpty();
    }
}
