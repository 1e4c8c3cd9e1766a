package dev.engram.dashboard.gateway;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

import java.net.URI;
import java.time.Duration;
import java.util.Optional;

/** Gateway clients for tests outside this package, configured without CDI. */
public final class GatewayClients {

    private GatewayClients() {
    }

    public static GatewayClient at(String baseUrl, String apiKey) {
        return new GatewayClient(URI.create(baseUrl), Optional.of(apiKey), Duration.ofSeconds(2), new ObjectMapper(), new SimpleMeterRegistry());
    }
}
