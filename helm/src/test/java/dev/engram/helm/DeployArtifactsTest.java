package dev.engram.helm;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * deploy/compose.yaml and deploy/docker/*.Dockerfile checked against the platform property contract. There is no
 * Docker engine on the build machines, so they are parsed, not run.
 */
class DeployArtifactsTest {

    private static final Path DEPLOY = Path.of("..", "deploy");
    private static final String JVM_FLAGS = "--add-modules jdk.incubator.vector --enable-native-access=ALL-UNNAMED";
    private static final List<String> KAFKA_CLIENTS = List.of("api-gateway", "ingest-worker-1", "ingest-worker-2");
    private static final List<String> APPS =
            List.of("api-gateway", "ingest-worker-1", "ingest-worker-2", "dashboard-backend");

    private static Map<String, Object> services;

    @BeforeAll
    static void parseCompose() throws IOException {
        services = Yaml.map(new YAMLMapper().readValue(DEPLOY.resolve("compose.yaml").toFile(), Map.class), "services");
    }

    private static Map<String, Object> env(String service) {
        return Yaml.map(services.get(service), "environment");
    }

    @Test
    void composeRunsTheWholeDistributedStackOnPinnedImages() {
        assertThat(services.keySet()).containsExactlyInAnyOrder("kafka", "postgres", "qdrant", "keycloak",
                "api-gateway", "ingest-worker-1", "ingest-worker-2", "dashboard-backend");
        assertThat(Yaml.string(services.get("kafka"), "image")).isEqualTo("apache/kafka:4.1.0");
        assertThat(Yaml.string(services.get("postgres"), "image")).isEqualTo("postgres:17.6");
        assertThat(Yaml.string(services.get("qdrant"), "image")).matches("qdrant/qdrant:v1\\.15\\.\\d+");
        assertThat(Yaml.string(services.get("keycloak"), "image")).matches("quay\\.io/keycloak/keycloak:26\\.\\d+\\.\\d+");
        services.forEach((name, service) ->
                assertThat(Yaml.string(service, "image")).as(name).doesNotEndWith(":latest").contains(":"));
    }

    @Test
    void gatewayAndBothWorkersShareOneKafkaTopicAndOneDatabaseAndOneIndex() {
        String advertised = String.valueOf(env("kafka").get("KAFKA_ADVERTISED_LISTENERS"));
        assertThat(advertised).isEqualTo("PLAINTEXT://kafka:9092");
        for (String service : KAFKA_CLIENTS) {
            assertThat(env(service)).as(service)
                    .containsEntry("KAFKA_BOOTSTRAP_SERVERS", "kafka:9092")
                    .containsEntry("ENGRAM_KAFKA_TOPIC", "engram.ingest.v1");
        }
        Map<String, Object> postgres = env("postgres");
        for (String service : APPS) {
            assertThat(env(service)).as(service)
                    .containsEntry("ENGRAM_STORAGE_KIND", "POSTGRES")
                    .containsEntry("ENGRAM_INDEX_KIND", "QDRANT")
                    .containsEntry("QUARKUS_DATASOURCE_JDBC_URL", "jdbc:postgresql://postgres:5432/" + postgres.get("POSTGRES_DB"))
                    .containsEntry("QUARKUS_DATASOURCE_USERNAME", postgres.get("POSTGRES_USER"))
                    .containsEntry("QUARKUS_DATASOURCE_PASSWORD", postgres.get("POSTGRES_PASSWORD"))
                    .containsEntry("ENGRAM_QDRANT_HOST", "qdrant")
                    .containsEntry("ENGRAM_QDRANT_PORT", "6334")
                    .containsEntry("ENGRAM_QDRANT_COLLECTION", "engram_memories")
                    .containsEntry("ENGRAM_DATA_DIR", "/var/lib/engram");
        }
        assertThat(env("api-gateway")).containsEntry("ENGRAM_INGEST_KIND", "KAFKA");
        assertThat(env("ingest-worker-1")).isEqualTo(env("ingest-worker-2"))
                .containsEntry("ENGRAM_KAFKA_GROUP", "engram-ingest-worker")
                .containsEntry("ENGRAM_KAFKA_DEAD_LETTER_TOPIC", "engram.ingest.v1.dlq");
    }

    @Test
    void secretsComeFromTheEnvironmentAndAreRequired() {
        assertThat(env("postgres").get("POSTGRES_PASSWORD")).isEqualTo("${ENGRAM_DB_PASSWORD:?set ENGRAM_DB_PASSWORD}");
        assertThat(env("api-gateway").get("ENGRAM_BOOTSTRAP_API_KEY"))
                .isEqualTo("${ENGRAM_BOOTSTRAP_API_KEY:?set ENGRAM_BOOTSTRAP_API_KEY}");
        assertThat(env("dashboard-backend").get("QUARKUS_OIDC_CREDENTIALS_SECRET"))
                .isEqualTo(env("keycloak").get("ENGRAM_DASHBOARD_CLIENT_SECRET"));
        // The memory browser acts for projects through the gateway with the gateway's own admin key.
        assertThat(env("dashboard-backend").get("ENGRAM_DASHBOARD_GATEWAY_API_KEY"))
                .isEqualTo(env("api-gateway").get("ENGRAM_BOOTSTRAP_API_KEY"));
        assertThat(env("dashboard-backend").get("ENGRAM_DASHBOARD_GATEWAY_URL"))
                .isEqualTo("http://api-gateway:" + env("api-gateway").get("ENGRAM_HTTP_PORT"));
    }

    @ParameterizedTest
    @CsvSource({"api-gateway, ENGRAM_HTTP_PORT, 8080, 8080", "ingest-worker-1, QUARKUS_HTTP_PORT, 8081, 8181",
            "ingest-worker-2, QUARKUS_HTTP_PORT, 8081, 8281", "dashboard-backend, QUARKUS_HTTP_PORT, 8082, 8082"})
    void eachAppListensOnItsContractPortAndIsPublishedOnItsOwnHostPort(String service, String portVariable,
            String port, String hostPort) {
        assertThat(env(service)).containsEntry(portVariable, port);
        assertThat(Yaml.values(services.get(service), "ports")).containsExactly(hostPort + ":" + port);
        assertThat(services.get(service)).extracting(s -> ((Map<?, ?>) s).get("read_only")).isEqualTo(true);
        assertThat(Yaml.values(services.get(service), "tmpfs")).containsExactly("/tmp");
    }

    @Test
    void oidcPointsAtTheImportedKeycloakRealm() throws IOException {
        Map<?, ?> realm = new ObjectMapper().readValue(DEPLOY.resolve("keycloak/engram-realm.json").toFile(), Map.class);
        String issuer = "http://keycloak:8080/realms/" + realm.get("realm");

        assertThat(Yaml.values(services.get("keycloak"), "command")).contains("start-dev", "--import-realm");
        assertThat(Yaml.values(services.get("keycloak"), "volumes"))
                .containsExactly("./keycloak/engram-realm.json:/opt/keycloak/data/import/engram-realm.json:ro");
        assertThat(env("api-gateway")).containsEntry("QUARKUS_OIDC_AUTH_SERVER_URL", issuer)
                .containsEntry("QUARKUS_OIDC_CLIENT_ID", "engram-api");
        assertThat(env("dashboard-backend")).containsEntry("QUARKUS_OIDC_AUTH_SERVER_URL", issuer)
                .containsEntry("QUARKUS_OIDC_CLIENT_ID", "engram-dashboard");
        assertThat(Yaml.list(realm, "clients")).extracting(c -> c.get("clientId"))
                .containsExactlyInAnyOrder("engram-api", "engram-dashboard");
    }

    @ParameterizedTest
    @CsvSource({"api-gateway, 8080, ENGRAM_HTTP_PORT", "ingest-worker, 8081, QUARKUS_HTTP_PORT",
            "dashboard-backend, 8082, QUARKUS_HTTP_PORT"})
    void dockerfileRunsTheFastJarAsANonRootUserOnAPinnedJre(String app, String port, String portVariable)
            throws IOException {
        List<String> lines = Files.readAllLines(DEPLOY.resolve("docker/" + app + ".Dockerfile")).stream()
                .map(String::strip).filter(l -> !l.isEmpty() && !l.startsWith("#")).toList();

        List<String> from = lines.stream().filter(l -> l.startsWith("FROM ")).toList();
        assertThat(from).containsExactly("FROM eclipse-temurin:25.0.1_8-jre-noble");
        assertThat(from).allSatisfy(f -> assertThat(f).matches("FROM [^:@\\s]+:[^\\s]+").doesNotEndWith(":latest"));

        List<String> users = lines.stream().filter(l -> l.startsWith("USER ")).toList();
        assertThat(users).isNotEmpty();
        String user = users.get(users.size() - 1).substring("USER ".length()).split(":")[0];
        assertThat(user).isNotIn("root", "0").isEqualTo("10001");

        assertThat(lines).contains("EXPOSE " + port + " 9000");
        String text = String.join("\n", lines);
        Matcher javaOpts = Pattern.compile("JAVA_OPTS=\"([^\"]*)\"").matcher(text);
        assertThat(javaOpts.find()).isTrue();
        assertThat(javaOpts.group(1)).startsWith(JVM_FLAGS);
        assertThat(text).contains(portVariable + "=" + port)
                .contains("COPY " + app + "/target/quarkus-app/lib/ /deployments/lib/")
                .contains("COPY " + app + "/target/quarkus-app/quarkus-run.jar /deployments/quarkus-run.jar")
                .contains("ENGRAM_DATA_DIR=/var/lib/engram")
                // The apps listen on loopback unless told: a container listens on every interface.
                .contains("ENGRAM_HTTP_HOST=0.0.0.0");
        assertThat(lines.get(lines.size() - 1))
                .isEqualTo("ENTRYPOINT [\"sh\", \"-c\", \"exec java $JAVA_OPTS -jar /deployments/quarkus-run.jar\"]");
    }
}
