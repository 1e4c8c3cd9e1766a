package dev.engram.dashboard;

import io.quarkus.test.junit.QuarkusTestProfile;

import java.util.List;

/**
 * The one application boot every dashboard test shares: a real PostgreSQL (database "dashboard") and the WireMock OIDC
 * server whose key signs the tests' tokens ({@link Tokens}).
 */
public class DashboardTestResources implements QuarkusTestProfile {

    @Override
    public List<TestResourceEntry> testResources() {
        return List.of(
                new TestResourceEntry(dev.engram.testing.postgres.PostgresTestResource.class,
                        java.util.Map.of("database", "dashboard")),
                new TestResourceEntry(io.quarkus.test.oidc.server.OidcWiremockTestResource.class));
    }

    @Override
    public boolean disableGlobalTestResources() {
        return true;
    }
}
