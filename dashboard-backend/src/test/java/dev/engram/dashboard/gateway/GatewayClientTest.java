package dev.engram.dashboard.gateway;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.engram.core.domain.Tenant;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The gateway client's failures that need no gateway: no key configured, nothing listening. */
class GatewayClientTest {

    private static final Tenant TENANT = Tenant.of("org", "project");

    @Test
    void withoutAKeyEveryCallIsUnavailableAndSaysWhy() {
        assertThatThrownBy(() -> client("http://127.0.0.1:1", Optional.empty()).get(TENANT, "v1/entities/"))
                .isInstanceOf(GatewayUnavailableException.class).hasMessageContaining("engram.dashboard.gateway.api-key");
        assertThatThrownBy(() -> client("http://127.0.0.1:1", Optional.of("  ")).get(null, "api/v1/admin/projects"))
                .isInstanceOf(GatewayUnavailableException.class).hasMessageContaining("engram.dashboard.gateway.api-key");
    }

    @Test
    void aGatewayThatIsNotListeningIsUnavailableAndTheCallIsTimed() throws IOException {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        GatewayClient client = new GatewayClient(URI.create("http://127.0.0.1:" + port), Optional.of("eng_key"), Duration.ofSeconds(2),
                new ObjectMapper(), registry);
        assertThatThrownBy(() -> client.delete(TENANT, "v1/memories/x/")).isInstanceOf(GatewayUnavailableException.class)
                .hasMessage("The api-gateway is unavailable; try again later");
        assertThat(registry.get("engram.dashboard.gateway.requests").tag("method", "DELETE").tag("status", "error").timer().count()).isEqualTo(1);
    }

    private static GatewayClient client(String url, Optional<String> key) {
        return new GatewayClient(URI.create(url), key, Duration.ofSeconds(2), new ObjectMapper(), new SimpleMeterRegistry());
    }
}
