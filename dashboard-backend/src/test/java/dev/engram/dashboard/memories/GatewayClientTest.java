package dev.engram.dashboard.memories;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.engram.core.domain.Tenant;
import dev.engram.dashboard.config.DashboardConfig;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The gateway client's failures that need no gateway: no key configured, nothing listening. */
class GatewayClientTest {

    private static final Tenant TENANT = Tenant.of("org", "project");

    @Test
    void withoutAKeyTheBrowserIsUnavailableAndSaysWhy() {
        GatewayClient client = new GatewayClient(config("http://127.0.0.1:1", Optional.empty()), new ObjectMapper());
        assertThatThrownBy(() -> client.get(TENANT, "v1/entities/")).isInstanceOf(MemoryApiUnavailableException.class)
                .hasMessageContaining("engram.dashboard.gateway.api-key");
        GatewayClient blank = new GatewayClient(config("http://127.0.0.1:1", Optional.of("  ")), new ObjectMapper());
        assertThatThrownBy(() -> blank.get(TENANT, "v1/entities/")).isInstanceOf(MemoryApiUnavailableException.class)
                .hasMessageContaining("not configured");
    }

    @Test
    void aGatewayThatIsNotListeningIsUnavailable() throws IOException {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        GatewayClient client = new GatewayClient(config("http://127.0.0.1:" + port, Optional.of("eng_key")), new ObjectMapper());
        assertThatThrownBy(() -> client.delete(TENANT, "v1/memories/x/")).isInstanceOf(MemoryApiUnavailableException.class)
                .hasMessage("The memory API is unavailable; try again later");
    }

    private static DashboardConfig config(String url, Optional<String> key) {
        DashboardConfig.Gateway gateway = new DashboardConfig.Gateway() {
            public String url() {
                return url;
            }

            public Optional<String> apiKey() {
                return key;
            }

            public Duration timeout() {
                return Duration.ofSeconds(2);
            }
        };
        DashboardConfig.Dashboard dashboard = new DashboardConfig.Dashboard() {
            public String defaultProjectId() {
                return "default";
            }

            public String defaultProjectName() {
                return "Default project";
            }

            public DashboardConfig.Usage usage() {
                throw new UnsupportedOperationException();
            }

            public DashboardConfig.Gateway gateway() {
                return gateway;
            }
        };
        return () -> dashboard;
    }
}
