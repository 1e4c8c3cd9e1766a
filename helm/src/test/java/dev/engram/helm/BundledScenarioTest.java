package dev.engram.helm;

import static dev.engram.helm.EngramChart.FULLNAME;
import static dev.engram.helm.EngramChart.GATEWAY;
import static dev.engram.helm.EngramChart.WORKER;
import static dev.engram.helm.RenderedChart.EnvValue.literal;
import static dev.engram.helm.RenderedChart.EnvValue.secret;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Scenario (b), bundled.yaml: the chart's own single-node PostgreSQL, Qdrant and Kafka, credentials given as values. */
class BundledScenarioTest {

    private static final String SCENARIO = "bundled";
    private static final String POSTGRESQL = FULLNAME + "-postgresql";
    private static final String QDRANT = FULLNAME + "-qdrant";
    private static final String KAFKA = FULLNAME + "-kafka";
    private static final String SECRET = FULLNAME + "-secrets";

    private final RenderedChart chart = EngramChart.render(SCENARIO);

    @Test
    void rendersTheThreeDependenciesAsSingleReplicaStatefulSetsWithPinnedImages() {
        assertThat(chart.all("StatefulSet")).extracting(s -> Yaml.string(s, "metadata.name"))
                .containsExactlyInAnyOrder(POSTGRESQL, QDRANT, KAFKA);
        for (Map<String, Object> statefulSet : chart.all("StatefulSet")) {
            assertThat(Yaml.at(statefulSet, "spec.replicas")).isEqualTo(1);
            // A Service called "kafka" would otherwise inject KAFKA_PORT, which the Kafka image reads as a setting.
            assertThat(Yaml.map(statefulSet, "spec.template.spec")).containsEntry("enableServiceLinks", false)
                    .containsEntry("automountServiceAccountToken", false);
            assertThat(Yaml.at(statefulSet, "spec.template.spec.securityContext.runAsNonRoot")).isEqualTo(true);
        }
        assertThat(Yaml.string(chart.container("StatefulSet", POSTGRESQL), "image")).isEqualTo("postgres:17.6");
        assertThat(Yaml.string(chart.container("StatefulSet", QDRANT), "image")).isEqualTo("qdrant/qdrant:v1.15.4-unprivileged");
        assertThat(Yaml.string(chart.container("StatefulSet", KAFKA), "image")).isEqualTo("apache/kafka:4.1.0");
    }

    @Test
    void appsAreWiredToTheBundledServices() {
        Map<String, RenderedChart.EnvValue> gateway = chart.env("Deployment", GATEWAY);
        Map<String, RenderedChart.EnvValue> worker = chart.env("Deployment", WORKER);

        for (Map<String, RenderedChart.EnvValue> env : java.util.List.of(gateway, worker)) {
            assertThat(env).contains(
                    entry("QUARKUS_DATASOURCE_JDBC_URL", literal("jdbc:postgresql://" + POSTGRESQL + ":5432/engram_eval")),
                    entry("QUARKUS_DATASOURCE_USERNAME", literal("engram")),
                    entry("KAFKA_BOOTSTRAP_SERVERS", literal(KAFKA + ":9092")),
                    entry("ENGRAM_QDRANT_HOST", literal(QDRANT)),
                    entry("ENGRAM_QDRANT_PORT", literal("6334")),
                    entry("ENGRAM_QDRANT_TLS", literal("false")),
                    entry("QUARKUS_DATASOURCE_PASSWORD", secret(SECRET, "database-password", false)));
        }
        assertThat(gateway).contains(entry("ENGRAM_INGEST_KIND", literal("KAFKA")),
                entry("ENGRAM_BOOTSTRAP_API_KEY", secret(SECRET, "bootstrap-api-key", false)),
                entry("QUARKUS_OIDC_TENANT_ENABLED", literal("false")));
        assertThat(gateway).doesNotContainKey("QUARKUS_OIDC_AUTH_SERVER_URL");
        assertThat(Yaml.list(chart.get("Service", POSTGRESQL), "spec.ports")).extracting(p -> p.get("port"))
                .containsExactly(5432);
        assertThat(Yaml.list(chart.get("Service", KAFKA), "spec.ports")).extracting(p -> p.get("port"))
                .containsExactly(9092);
        assertThat(Yaml.list(chart.get("Service", QDRANT), "spec.ports")).extracting(p -> p.get("port"))
                .containsExactly(6333, 6334);
    }

    @Test
    void bundledPostgresqlUsesTheAppsDatabasePasswordAndBundledKafkaAdvertisesItsService() {
        assertThat(chart.env("StatefulSet", POSTGRESQL)).contains(
                entry("POSTGRES_DB", literal("engram_eval")),
                entry("POSTGRES_USER", literal("engram")),
                entry("POSTGRES_PASSWORD", secret(SECRET, "database-password", false)));
        assertThat(chart.env("StatefulSet", KAFKA)).contains(
                entry("KAFKA_PROCESS_ROLES", literal("broker,controller")),
                entry("KAFKA_ADVERTISED_LISTENERS", literal("PLAINTEXT://" + KAFKA + ":9092")),
                entry("KAFKA_NUM_PARTITIONS", literal("4")),
                entry("KAFKA_OFFSETS_TOPIC_REPLICATION_FACTOR", literal("1")));
        assertThat(chart.env("StatefulSet", QDRANT))
                .contains(entry("QDRANT__SERVICE__API_KEY", secret(SECRET, "qdrant-api-key", true)));
    }

    @Test
    void networkPolicyOpensNoExternalDependencyPortWhenAllAreBundled() {
        java.util.List<Map<String, Object>> egress = Yaml.list(chart.get("NetworkPolicy", FULLNAME), "spec.egress");

        // The release's own pods (the bundled services among them), then DNS; nothing else.
        assertThat(egress).hasSize(2);
        assertThat(Yaml.list(egress.get(0), "ports")).isEmpty();
        assertThat(Yaml.list(egress.get(1), "ports")).extracting(p -> p.get("port")).containsExactly(53, 53);
    }

    @Test
    void persistenceFollowsTheValues() {
        // postgresql.persistence.enabled=false in the scenario: an emptyDir; the others keep their 8Gi claims.
        assertThat(Yaml.list(chart.get("StatefulSet", POSTGRESQL), "spec.volumeClaimTemplates")).isEmpty();
        assertThat(Yaml.list(chart.get("StatefulSet", POSTGRESQL), "spec.template.spec.volumes"))
                .anySatisfy(v -> assertThat(v).containsEntry("name", "data").containsKey("emptyDir"));
        assertThat(Yaml.list(chart.get("StatefulSet", KAFKA), "spec.volumeClaimTemplates")).singleElement()
                .satisfies(c -> assertThat(Yaml.string(c, "spec.resources.requests.storage")).isEqualTo("8Gi"));
    }

    @Test
    void theChartCreatedSecretHoldsExactlyTheSuppliedValuesAndNoDefaults() {
        RenderedChart withHooks = EngramChart.renderWithHooks(SCENARIO);

        assertThat(withHooks.all("Secret")).hasSize(1);
        Map<String, Object> secret = withHooks.get("Secret", SECRET);
        Map<String, String> decoded = new LinkedHashMap<>();
        Yaml.map(secret, "data").forEach((key, value) -> decoded.put(key,
                new String(Base64.getDecoder().decode(String.valueOf(value)), StandardCharsets.UTF_8)));
        assertThat(decoded).containsExactlyInAnyOrderEntriesOf(Map.of(
                "database-password", "eval-db-password",
                "bootstrap-api-key", "m0-eval-admin-key"));
        assertThat(Yaml.map(secret, "stringData")).isEmpty();
        // A hook, so that it exists before the migration Job; older than the Job in hook order.
        assertThat(Yaml.map(secret, "metadata.annotations")).contains(
                entry(EngramChart.VISIBLE_HOOK_ANNOTATION, "pre-install,pre-upgrade"),
                entry("helm.sh/hook-weight", "-10"));
        assertThat(Yaml.map(chart.get("Deployment", GATEWAY), "spec.template.metadata.annotations"))
                .containsKey("checksum/secret");
    }

    @Test
    void withTheBundledDatabaseTheMigrationRunsAfterInstallAndTheAppsMigrateAtStart() {
        RenderedChart withHooks = EngramChart.renderWithHooks(SCENARIO);

        assertThat(Yaml.map(withHooks.get("Job", FULLNAME + "-migration"), "metadata.annotations"))
                .containsEntry(EngramChart.VISIBLE_HOOK_ANNOTATION, "post-install,pre-upgrade");
        assertThat(chart.env("Deployment", GATEWAY))
                .containsEntry("QUARKUS_FLYWAY_MIGRATE_AT_START", literal("true"));
        assertThat(chart.env("Deployment", WORKER))
                .containsEntry("QUARKUS_FLYWAY_MIGRATE_AT_START", literal("true"));
    }
}
