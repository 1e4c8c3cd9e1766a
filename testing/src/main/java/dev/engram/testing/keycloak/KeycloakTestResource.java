package dev.engram.testing.keycloak;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/**
 * Points a {@code @QuarkusTest} dashboard at a real Keycloak with the Engram realm ({@link KeycloakServer#shared()}): the
 * default OIDC tenant ({@code quarkus.oidc.auth-server-url}, {@code client-id}, {@code credentials.secret}) is the
 * realm's confidential {@value KeycloakServer#DASHBOARD_CLIENT_ID} client.
 *
 * <pre>{@code
 * @QuarkusTest
 * @QuarkusTestResource(value = KeycloakTestResource.class, restrictToAnnotatedClass = true)
 * class ConsoleIT { @InjectKeycloak KeycloakServer keycloak; ... }
 * }</pre>
 *
 * <p>The server outlives {@link #stop()}: other test classes of the JVM reuse it, and its shutdown hook stops it.
 */
public class KeycloakTestResource implements QuarkusTestResourceLifecycleManager {

    private KeycloakServer server;

    @Override
    public Map<String, String> start() {
        server = KeycloakServer.shared();
        return Map.of(
                "quarkus.oidc.auth-server-url", server.realmUrl(),
                "quarkus.oidc.client-id", KeycloakServer.DASHBOARD_CLIENT_ID,
                "quarkus.oidc.credentials.secret", server.dashboardClientSecret(),
                "quarkus.keycloak.devservices.enabled", "false",
                "quarkus.oidc.devservices.enabled", "false");
    }

    @Override
    public void inject(TestInjector testInjector) {
        testInjector.injectIntoFields(server, new TestInjector.AnnotatedAndMatchesType(InjectKeycloak.class, KeycloakServer.class));
    }

    @Override
    public void stop() {
        // shared for the JVM: stopped by its shutdown hook
    }
}
