package dev.engram.dashboard;

import io.quarkus.test.junit.QuarkusTestProfile;

import java.util.List;

/**
 * The one application boot every dashboard test shares: a real PostgreSQL (database "dashboard"), the WireMock OIDC
 * server whose key signs the tests' tokens ({@link Tokens}) and the JVM's Kafka broker with the usage topic (the
 * analytics consumer runs in every test; one boot is cheaper than a second application for the analytics tests), and a
 * WireMock standing in for the gateway's memory API (the memory browser's tests and the role matrix).
 */
public class DashboardTestResources implements QuarkusTestProfile {

    public static final String USAGE_TOPIC = "engram.usage.v1";

    @Override
    public List<TestResourceEntry> testResources() {
        return List.of(
                new TestResourceEntry(dev.engram.testing.postgres.PostgresTestResource.class,
                        java.util.Map.of("database", "dashboard")),
                new TestResourceEntry(io.quarkus.test.oidc.server.OidcWiremockTestResource.class),
                new TestResourceEntry(dev.engram.testing.kafka.KafkaTestResource.class,
                        java.util.Map.of("topics", USAGE_TOPIC + ":2")),
                new TestResourceEntry(dev.engram.dashboard.memories.GatewayStubResource.class));
    }

    @Override
    public boolean disableGlobalTestResources() {
        return true;
    }
}
