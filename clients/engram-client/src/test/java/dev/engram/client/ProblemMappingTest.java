package dev.engram.client;

import dev.engram.client.FakeServer.Reply;
import dev.engram.client.error.AuthenticationException;
import dev.engram.client.error.EngramException;
import dev.engram.client.error.NotFoundException;
import dev.engram.client.error.RateLimitedException;
import dev.engram.client.error.ServerException;
import dev.engram.client.error.ValidationException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** RFC 9457 problems (and the other error bodies Mem0-style servers send) become typed exceptions. */
class ProblemMappingTest {

    private FakeServer server;
    private EngramClient client;

    @BeforeEach
    void start() throws Exception {
        server = new FakeServer();
        client = EngramClient.builder(server.url()).apiKey("k").retryPolicy(RetryPolicy.none()).build();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void problemFieldsAreKept() {
        server.reply(Reply.problem(404, "Not Found", "Memory not found: m1", Map.of()));

        assertThatThrownBy(() -> client.get("m1")).isInstanceOfSatisfying(NotFoundException.class, e -> {
            assertThat(e.status()).isEqualTo(404);
            assertThat(e.type()).isEqualTo("https://engram.dev/problems/not-found");
            assertThat(e.title()).isEqualTo("Not Found");
            assertThat(e.detail()).isEqualTo("Memory not found: m1");
            assertThat(e.instance()).isEqualTo("/v1/memories/m1/");
            assertThat(e.getMessage()).isEqualTo("404 Not Found: Memory not found: m1 (/v1/memories/m1/)");
        });
    }

    @Test
    void eachStatusHasItsType() {
        Map<Integer, Class<? extends EngramException>> expected = Map.of(
                400, ValidationException.class, 401, AuthenticationException.class, 403, AuthenticationException.class,
                404, NotFoundException.class, 409, ValidationException.class, 413, ValidationException.class,
                422, ValidationException.class, 429, RateLimitedException.class, 500, ServerException.class,
                503, ServerException.class);
        expected.forEach((status, type) -> {
            server.reply(Reply.problem(status, "T" + status, "d" + status, Map.of()));
            assertThatThrownBy(() -> client.ping()).as("status %d", status).isExactlyInstanceOf(type)
                    .satisfies(e -> assertThat(((EngramException) e).status()).isEqualTo(status));
        });
        server.reply(Reply.problem(418, "I'm a teapot", "no", Map.of()));
        assertThatThrownBy(() -> client.ping()).isExactlyInstanceOf(EngramException.class);
    }

    @Test
    void rateLimitCarriesRetryAfter() {
        server.reply(Reply.problem(429, "Too Many Requests", "slow down", Map.of("Retry-After", "7")));
        assertThatThrownBy(() -> client.ping()).isInstanceOfSatisfying(RateLimitedException.class,
                e -> assertThat(e.retryAfter()).contains(Duration.ofSeconds(7)));
    }

    @Test
    void nonProblemBodiesStillGiveADetail() {
        server.reply(Reply.json(404, "{\"error\":\"Memory not found!\"}"));
        assertThatThrownBy(() -> client.get("m1")).isInstanceOfSatisfying(NotFoundException.class,
                e -> assertThat(e.detail()).isEqualTo("Memory not found!"));

        server.reply(Reply.json(400, "{\"message\":\"One of the filters is required!\"}"));
        assertThatThrownBy(() -> client.get("m1")).isInstanceOfSatisfying(ValidationException.class,
                e -> assertThat(e.detail()).isEqualTo("One of the filters is required!"));

        server.reply(new Reply(502, Map.of("Content-Type", "text/html"), "<html>Bad Gateway</html>"));
        assertThatThrownBy(() -> client.get("m1")).isInstanceOfSatisfying(ServerException.class, e -> {
            assertThat(e.status()).isEqualTo(502);
            assertThat(e.detail()).isEqualTo("<html>Bad Gateway</html>");
        });
    }

    @Test
    void theAsyncFutureFailsWithTheSameException() {
        server.reply(Reply.problem(401, "Unauthorized", "Invalid API key", Map.of()));
        assertThatThrownBy(() -> client.pingAsync().get()).isInstanceOf(ExecutionException.class)
                .cause().isInstanceOf(AuthenticationException.class).hasMessageContaining("Invalid API key");
        assertThatThrownBy(() -> client.pingAsync().join()).isInstanceOf(CompletionException.class)
                .cause().isInstanceOf(AuthenticationException.class);
    }
}
