package dev.engram.core.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.engram.core.domain.MemoryEvent;
import dev.engram.core.error.ValidationException;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The signature, the allowed targets, the backoff and Mem0's payload shape. */
class WebhookRulesTest {

    @Test
    void signatureIsTheHexHmacSha256OfTheTimestampAndTheBody() {
        // RFC 4231 test case 2: key "Jefe", data "what do ya want for nothing?".
        assertThat(WebhookSignature.sign("Jefe", "what do ya want for nothing?"))
                .isEqualTo("sha256=5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
        Instant at = Instant.parse("2026-12-07T10:00:00Z");
        assertThat(WebhookSignature.sign("Jefe", at, "{}")).isEqualTo(WebhookSignature.sign("Jefe", at.getEpochSecond() + ".{}"));

        String body = "{\"event_details\":{}}";
        String secret = WebhookSignature.newSecret();
        String ts = Long.toString(at.getEpochSecond());
        String signature = WebhookSignature.sign(secret, at, body);
        Duration tolerance = WebhookSignature.DEFAULT_TOLERANCE;
        assertThat(WebhookSignature.verify(secret, body, ts, signature, at.plusSeconds(30), tolerance)).isTrue();
        assertThat(WebhookSignature.verify(secret, body + " ", ts, signature, at, tolerance)).as("another body").isFalse();
        assertThat(WebhookSignature.verify("other", body, ts, signature, at, tolerance)).as("another secret").isFalse();
        assertThat(WebhookSignature.verify(secret, body, Long.toString(at.getEpochSecond() + 1), signature, at, tolerance))
                .as("another timestamp than the one signed").isFalse();
        assertThat(WebhookSignature.verify(secret, body, ts, signature, at.plus(Duration.ofMinutes(6)), tolerance))
                .as("a request replayed after the tolerance").isFalse();
        assertThat(WebhookSignature.verify(secret, body, "soon", signature, at, tolerance)).isFalse();
        assertThat(WebhookSignature.verify(secret, body, null, signature, at, tolerance)).isFalse();
        assertThat(WebhookSignature.newSecret()).startsWith("whsec_").isNotEqualTo(secret);
    }

    @Test
    void onlyPublicHttpTargetsUnlessPrivateOnesAreAllowed() throws Exception {
        WebhookTargets strict = new WebhookTargets(false);
        for (String url : List.of("http://127.0.0.1:8080/h", "http://localhost/h", "http://10.1.2.3/h", "http://192.168.0.1/h",
                "http://172.16.5.4/h", "http://169.254.169.254/latest/meta-data", "http://[::1]/h", "http://[fd00::1]/h",
                "http://0.0.0.0/h", "http://100.64.0.1/h", "http://[::ffff:127.0.0.1]/h")) {
            assertThatThrownBy(() -> strict.check(url)).as(url).isInstanceOf(ValidationException.class).hasMessageContaining("public");
        }
        for (String url : List.of("ftp://example.com/h", "file:///etc/passwd", "not a url", "https:///nohost", "http://u:p@8.8.8.8/")) {
            assertThatThrownBy(() -> strict.check(url)).as(url).isInstanceOf(ValidationException.class);
        }
        assertThat(strict.check("https://8.8.8.8/hook").getHost()).isEqualTo("8.8.8.8");
        assertThat(WebhookTargets.isPublic(InetAddress.getByName("1.1.1.1"))).isTrue();
        assertThat(WebhookTargets.isPublic(InetAddress.getByName("2606:4700:4700::1111"))).isTrue();
        assertThat(new WebhookTargets(true).check("http://127.0.0.1:9/h").getPort()).isEqualTo(9);
    }

    @Test
    void backoffDoublesUpToTheCapAndStopsAfterTheLastAttempt() {
        var backoff = new WebhookBackoff(Duration.ofSeconds(10), Duration.ofSeconds(60), 5);
        assertThat(backoff.delayAfter(1)).isEqualTo(Duration.ofSeconds(10));
        assertThat(backoff.delayAfter(2)).isEqualTo(Duration.ofSeconds(20));
        assertThat(backoff.delayAfter(3)).isEqualTo(Duration.ofSeconds(40));
        assertThat(backoff.delayAfter(4)).isEqualTo(Duration.ofSeconds(60));
        assertThat(backoff.delayAfter(5)).isNull();
    }

    @Test
    void payloadsHaveMem0sShapeAndNoneSendsNothing() throws Exception {
        UUID added = UUID.randomUUID(), replaced = UUID.randomUUID(), updated = UUID.randomUUID(), deleted = UUID.randomUUID();
        List<OutboundEvent> events = WebhookPayloads.of(List.of(
                new MemoryEvent(added, "Likes tea", MemoryEvent.Type.ADD, null, null, null),
                new MemoryEvent(replaced, "Lives in Lyon", MemoryEvent.Type.SUPERSEDE, null, UUID.randomUUID(), null),
                new MemoryEvent(updated, "Likes green tea", MemoryEvent.Type.UPDATE, "Likes tea", null, null),
                new MemoryEvent(deleted, "Owns a cat", MemoryEvent.Type.DELETE, null, null, null),
                new MemoryEvent(UUID.randomUUID(), "Known", MemoryEvent.Type.NONE, null, null, null)));

        assertThat(events).extracting(OutboundEvent::type).containsExactly(WebhookEventType.MEMORY_ADD, WebhookEventType.MEMORY_ADD,
                WebhookEventType.MEMORY_UPDATE, WebhookEventType.MEMORY_DELETE);
        JsonNode first = new ObjectMapper().readTree(events.get(0).payload());
        assertThat(first.size()).isEqualTo(1);
        assertThat(first.path("event_details").path("id").asText()).isEqualTo(added.toString());
        assertThat(first.path("event_details").path("data").path("memory").asText()).isEqualTo("Likes tea");
        assertThat(first.path("event_details").path("event").asText()).isEqualTo("ADD");
        assertThat(new ObjectMapper().readTree(events.get(3).payload()).path("event_details").path("event").asText()).isEqualTo("DELETE");
    }
}
