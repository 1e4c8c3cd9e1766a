package dev.engram.gateway.security;

import io.quarkus.test.oidc.server.OidcWiremockTestResource;

import java.util.HashMap;
import java.util.Map;

/**
 * quarkus-test-oidc-server's WireMock identity provider (issuer {@code https://server.example.com}, realm
 * {@code quarkus}; {@code Jwt...sign()} signs with its key), with the gateway's OIDC tenant switched on and pointed at it.
 */
public class OidcProviderResource extends OidcWiremockTestResource {

    static final String ISSUER = "https://server.example.com";

    @Override
    public Map<String, String> start() {
        Map<String, String> config = new HashMap<>(super.start());
        config.put("quarkus.oidc.tenant-enabled", "true");
        config.put("quarkus.oidc.auth-server-url", config.get("keycloak.url") + "/realms/quarkus");
        config.put("quarkus.oidc.client-id", "engram-api");
        return config;
    }
}
