package dev.engram.dashboard.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.engram.testing.kafka.KafkaBroker;
import dev.engram.testing.keycloak.KeycloakServer;
import dev.engram.testing.postgres.PostgresServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import dev.engram.testing.process.FreePorts;

/**
 * The console end to end, every part real: Keycloak with the Engram realm, PostgreSQL, Kafka (usage events), the
 * packaged dashboard and the packaged gateway (POSTGRES storage, Lucene index, journal ingest, usage events on) as
 * processes sharing that database, and Debian's headless Chromium. A new person registers on Keycloak, lands in the console with an organisation and a default
 * project, creates an API key, and the mem0ai client uses it on the gateway; the memory browser then shows those memories
 * (through the gateway, with its bootstrap admin key acting for the project) and deletes one (src/test/node/console-e2e.mjs).
 * Screenshots: target/screenshots/*.png.
 */
class ConsoleIT {

    private static final Path MODULE = Path.of(System.getProperty("basedir", "")).toAbsolutePath();
    private static final String USAGE_TOPIC = "engram.usage.v1";
    /** The gateway's bootstrap admin key, which the dashboard's memory browser uses (as the Helm chart wires it). */
    private static final String ADMIN_KEY = "eng_consoleitadmin0123456789abcdefghijklmnop";
    private static PostgresServer postgres;
    private static KafkaBroker kafka;
    private static KeycloakServer keycloak;
    private static AppProcess dashboard;
    private static AppProcess gateway;
    private static Path gatewayData;

    @BeforeAll
    static void startPlatform() throws Exception {
        assertThat(Path.of("/usr/bin/chromium")).as("Debian's chromium (apt-get install chromium)").isExecutable();
        postgres = PostgresServer.start();
        postgres.createDatabase("engram");
        keycloak = KeycloakServer.start();
        // Usage events (analytics): the gateway publishes them to Kafka, the dashboard rolls them up per project.
        kafka = KafkaBroker.start();
        kafka.createTopic(USAGE_TOPIC, 1);
        Path logs = Files.createDirectories(MODULE.resolve("target/console-e2e-logs"));

        Map<String, String> database = Map.of(
                "QUARKUS_DATASOURCE_JDBC_URL", postgres.jdbcUrl("engram"),
                "QUARKUS_DATASOURCE_USERNAME", postgres.username(),
                "QUARKUS_DATASOURCE_PASSWORD", postgres.password());

        // The gateway first: the dashboard is configured with its URL (the memory browser calls it).
        int gatewayPort = FreePorts.find();
        gatewayData = Files.createTempDirectory("engram-e2e-gateway");
        Map<String, String> gatewayEnv = new HashMap<>(database);
        gatewayEnv.putAll(Map.of(
                "ENGRAM_HTTP_PORT", Integer.toString(gatewayPort),
                "ENGRAM_HTTP_HOST", "127.0.0.1",
                "ENGRAM_MANAGEMENT_PORT", Integer.toString(FreePorts.find()),
                "ENGRAM_STORAGE_KIND", "POSTGRES",
                "ENGRAM_INDEX_KIND", "LUCENE",
                "ENGRAM_INGEST_KIND", "JOURNAL",
                "ENGRAM_DATA_DIR", gatewayData.toString(),
                "ENGRAM_USAGE_ENABLED", "true",
                "KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrapServers()));
        gatewayEnv.put("ENGRAM_BOOTSTRAP_API_KEY", ADMIN_KEY);
        gateway = AppProcess.start("api-gateway", MODULE.resolveSibling("api-gateway").resolve("target/quarkus-app/quarkus-run.jar"),
                gatewayPort, gatewayEnv, logs.resolve("gateway.log"));

        int dashboardPort = FreePorts.find();
        Map<String, String> dashboardEnv = new HashMap<>(database);
        dashboardEnv.putAll(Map.of(
                "QUARKUS_HTTP_PORT", Integer.toString(dashboardPort),
                "QUARKUS_HTTP_HOST", "127.0.0.1",
                "ENGRAM_MANAGEMENT_PORT", Integer.toString(FreePorts.find()),
                "QUARKUS_OIDC_AUTH_SERVER_URL", keycloak.realmUrl(),
                "QUARKUS_OIDC_CLIENT_ID", KeycloakServer.DASHBOARD_CLIENT_ID,
                "QUARKUS_OIDC_CREDENTIALS_SECRET", keycloak.dashboardClientSecret(),
                "KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrapServers()));
        dashboardEnv.put("ENGRAM_DASHBOARD_GATEWAY_URL", gateway.url());
        dashboardEnv.put("ENGRAM_DASHBOARD_GATEWAY_API_KEY", ADMIN_KEY);
        dashboard = AppProcess.start("dashboard-backend", MODULE.resolve("target/quarkus-app/quarkus-run.jar"), dashboardPort,
                dashboardEnv, logs.resolve("dashboard.log"));
    }

    @AfterAll
    static void stopPlatform() throws Exception {
        if (gateway != null) gateway.close();
        if (dashboard != null) dashboard.close();
        if (keycloak != null) keycloak.close();
        if (kafka != null) kafka.close();
        if (postgres != null) postgres.close();
        if (gatewayData != null) {
            try (Stream<Path> paths = Files.walk(gatewayData)) {
                paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    @Test
    void signUpCreateAKeyAndUseItWithTheMem0Client() throws Exception {
        ConsoleScript script = ConsoleScript.prepare(MODULE);
        int rc = script.run(Map.of(
                "CONSOLE_URL", dashboard.url(),
                "GATEWAY_URL", gateway.url(),
                "GATEWAY_ADMIN_KEY", ADMIN_KEY,
                "SCREENSHOTS", MODULE.resolve("target/screenshots").toString(),
                "MEM0_TELEMETRY", "false",
                "MEM0_DIR", MODULE.resolve("target/console-e2e/.mem0").toString()));
        assertThat(rc).as("console-e2e.mjs (see its output above); dashboard log:%n%s%ngateway log:%n%s",
                dashboard.logTail(40), gateway.logTail(20)).isZero();
    }
}
