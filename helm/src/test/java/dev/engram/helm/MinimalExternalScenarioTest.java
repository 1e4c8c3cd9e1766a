package dev.engram.helm;

import static dev.engram.helm.EngramChart.DASHBOARD;
import static dev.engram.helm.EngramChart.FULLNAME;
import static dev.engram.helm.EngramChart.GATEWAY;
import static dev.engram.helm.EngramChart.WORKER;
import static dev.engram.helm.RenderedChart.EnvValue.literal;
import static dev.engram.helm.RenderedChart.EnvValue.secret;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import dev.engram.helm.RenderedChart.EnvValue;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Scenario (a), minimal-external.yaml: external Kafka, PostgreSQL, Qdrant and OIDC; credentials in the operator's Secret. */
class MinimalExternalScenarioTest {

    private static final String SCENARIO = "minimal-external";
    private static final String BOOTSTRAP = "kafka-0.kafka.data.svc:9093,kafka-1.kafka.data.svc:9093";
    private static final String JDBC_URL = "jdbc:postgresql://pg.data.svc:5433/engram_prod";
    private static final String SECRET = "engram-credentials";

    private final RenderedChart chart = EngramChart.render(SCENARIO);

    @Test
    void rendersTheThreeAppsWithFixedReplicasAndNoBundledDependency() {
        assertThat(Yaml.at(chart.get("Deployment", GATEWAY), "spec.replicas")).isEqualTo(2);
        assertThat(Yaml.at(chart.get("Deployment", WORKER), "spec.replicas")).isEqualTo(2);
        assertThat(Yaml.at(chart.get("Deployment", DASHBOARD), "spec.replicas")).isEqualTo(1);
        assertThat(chart.all("HorizontalPodAutoscaler")).isEmpty();
        assertThat(chart.all("StatefulSet")).isEmpty();
        assertThat(chart.all("Ingress")).isEmpty();
        assertThat(chart.all("ServiceMonitor")).isEmpty();
        assertThat(chart.all("Service")).extracting(s -> Yaml.string(s, "metadata.name"))
                .containsExactlyInAnyOrder(GATEWAY, WORKER, DASHBOARD);
    }

    @Test
    void gatewayProducesToTheExternalKafkaAndStoresInTheExternalDatabase() {
        Map<String, EnvValue> env = chart.env("Deployment", GATEWAY);

        assertThat(env).contains(
                entry("ENGRAM_INGEST_KIND", literal("KAFKA")),
                entry("ENGRAM_STORAGE_KIND", literal("POSTGRES")),
                entry("ENGRAM_INDEX_KIND", literal("QDRANT")),
                entry("ENGRAM_HTTP_PORT", literal("8080")),
                entry("ENGRAM_DATA_DIR", literal("/var/lib/engram")),
                entry("KAFKA_BOOTSTRAP_SERVERS", literal(BOOTSTRAP)),
                entry("KAFKA_SECURITY_PROTOCOL", literal("SASL_SSL")),
                entry("KAFKA_SASL_MECHANISM", literal("SCRAM-SHA-512")),
                entry("ENGRAM_KAFKA_TOPIC", literal("engram.ingest.v1")),
                entry("QUARKUS_DATASOURCE_JDBC_URL", literal(JDBC_URL)),
                entry("QUARKUS_DATASOURCE_USERNAME", literal("engram_app")),
                entry("ENGRAM_QDRANT_HOST", literal("qdrant.data.svc")),
                entry("ENGRAM_QDRANT_PORT", literal("6334")),
                entry("ENGRAM_QDRANT_TLS", literal("true")),
                entry("ENGRAM_QDRANT_COLLECTION", literal("engram_memories")),
                entry("QUARKUS_OIDC_TENANT_ENABLED", literal("true")),
                entry("QUARKUS_OIDC_AUTH_SERVER_URL", literal("https://keycloak.example.com/realms/engram")),
                entry("QUARKUS_OIDC_CLIENT_ID", literal("engram-api")),
                entry("ENGRAM_OIDC_ORG_CLAIM", literal("engram_org")),
                entry("ENGRAM_OIDC_PROJECT_CLAIM", literal("engram_project")),
                entry("ENGRAM_LLM_BASE_URL", literal("https://llm.example.com/v1")),
                entry("ENGRAM_LLM_MODEL", literal("qwen3-32b")),
                entry("QUARKUS_FLYWAY_MIGRATE_AT_START", literal("false")));
        assertThat(env).doesNotContainKeys("QUARKUS_HTTP_PORT", "ENGRAM_KAFKA_GROUP");
    }

    @Test
    void workersConsumeTheSameTopicFromTheSameKafkaIntoTheSameDatabase() {
        Map<String, EnvValue> gateway = chart.env("Deployment", GATEWAY);
        Map<String, EnvValue> worker = chart.env("Deployment", WORKER);

        assertThat(worker).contains(
                entry("QUARKUS_HTTP_PORT", literal("8081")),
                entry("KAFKA_BOOTSTRAP_SERVERS", literal(BOOTSTRAP)),
                entry("ENGRAM_KAFKA_TOPIC", literal("engram.ingest.v1")),
                entry("ENGRAM_KAFKA_DEAD_LETTER_TOPIC", literal("engram.ingest.v1.dlq")),
                entry("ENGRAM_KAFKA_GROUP", literal("engram-ingest-worker")),
                entry("QUARKUS_DATASOURCE_JDBC_URL", literal(JDBC_URL)));
        assertThat(worker).doesNotContainKeys("ENGRAM_INGEST_KIND", "ENGRAM_HTTP_PORT", "QUARKUS_OIDC_AUTH_SERVER_URL");
        for (String shared : new String[] {"KAFKA_BOOTSTRAP_SERVERS", "ENGRAM_KAFKA_TOPIC", "QUARKUS_DATASOURCE_JDBC_URL",
                "ENGRAM_QDRANT_HOST", "ENGRAM_QDRANT_COLLECTION"}) {
            assertThat(worker.get(shared)).as(shared).isEqualTo(gateway.get(shared));
        }
    }

    @Test
    void dashboardSignsInThroughItsOwnOidcClientAndConsumesUsageFromTheSameKafka() {
        assertThat(chart.env("Deployment", DASHBOARD)).contains(
                entry("QUARKUS_HTTP_PORT", literal("8082")),
                entry("KAFKA_BOOTSTRAP_SERVERS", literal(BOOTSTRAP)),
                entry("QUARKUS_OIDC_AUTH_SERVER_URL", literal("https://keycloak.example.com/realms/engram")),
                entry("QUARKUS_OIDC_CLIENT_ID", literal("engram-dashboard")),
                entry("QUARKUS_DATASOURCE_JDBC_URL", literal(JDBC_URL)),
                entry("QUARKUS_OIDC_CREDENTIALS_SECRET", secret(SECRET, "oidc-secret", true)))
                .doesNotContainKeys("ENGRAM_LLM_BASE_URL", "ENGRAM_LLM_MODEL", "ENGRAM_INGEST_KIND");
    }

    @Test
    void dashboardBrowsesMemoriesThroughTheReleasesGatewayService() {
        assertThat(chart.env("Deployment", DASHBOARD))
                .contains(entry("ENGRAM_DASHBOARD_GATEWAY_URL", literal("http://" + GATEWAY + ":8080")));
        assertThat(chart.all("Service")).extracting(s -> Yaml.string(s, "metadata.name")).contains(GATEWAY);
        // The gateway's Service port is the one in the URL (the other one is the management port, metrics only).
        assertThat(Yaml.list(chart.get("Service", GATEWAY), "spec.ports")).extracting(p -> p.get("port")).containsExactly(8080, 9000);
    }

    @Test
    void secretsAreReferencedByTheConfiguredNamesAndKeys() {
        assertThat(chart.env("Deployment", GATEWAY)).contains(
                entry("QUARKUS_DATASOURCE_PASSWORD", secret(SECRET, "pg-password", false)),
                entry("ENGRAM_BOOTSTRAP_API_KEY", secret(SECRET, "admin-key", false)),
                entry("ENGRAM_QDRANT_API_KEY", secret(SECRET, "qdrant-key", true)),
                entry("ENGRAM_LLM_API_KEY", secret(SECRET, "llm-key", true)),
                entry("KAFKA_SASL_JAAS_CONFIG", secret(SECRET, "kafka-jaas", true)));
        assertThat(chart.env("Deployment", WORKER)).contains(
                entry("QUARKUS_DATASOURCE_PASSWORD", secret(SECRET, "pg-password", false)),
                entry("ENGRAM_QDRANT_API_KEY", secret(SECRET, "qdrant-key", true)),
                entry("ENGRAM_LLM_API_KEY", secret(SECRET, "llm-key", true)),
                entry("KAFKA_SASL_JAAS_CONFIG", secret(SECRET, "kafka-jaas", true)))
                .doesNotContainKey("ENGRAM_BOOTSTRAP_API_KEY");
        assertThat(chart.env("Deployment", DASHBOARD)).contains(
                entry("QUARKUS_DATASOURCE_PASSWORD", secret(SECRET, "pg-password", false)),
                // The memory browser acts for projects through the gateway with the gateway's bootstrap admin key.
                entry("ENGRAM_DASHBOARD_GATEWAY_API_KEY", secret(SECRET, "admin-key", false)))
                .doesNotContainKeys("ENGRAM_BOOTSTRAP_API_KEY", "ENGRAM_LLM_API_KEY");
    }

    @Test
    void namedLlmProfilesReachTheGatewayAndTheWorkersAlike() {
        for (String app : List.of(GATEWAY, WORKER)) {
            assertThat(chart.env("Deployment", app)).as(app).contains(
                    entry("ENGRAM_LLM_PROFILES_CLAUDE_PROVIDER", literal("anthropic")),
                    entry("ENGRAM_LLM_PROFILES_CLAUDE_MODEL", literal("claude-haiku-4-5")),
                    entry("ENGRAM_LLM_PROFILES_CLAUDE_API_KEY", secret(SECRET, "anthropic-key", false)),
                    entry("ENGRAM_LLM_PROFILES_LOCAL_BASE_URL", literal("http://ollama.llm.svc:11434/v1")),
                    entry("ENGRAM_LLM_PROFILES_LOCAL_MODEL", literal("qwen2.5:7b")))
                    .doesNotContainKeys("ENGRAM_LLM_PROFILES_LOCAL_API_KEY", "ENGRAM_LLM_PROFILES_LOCAL_PROVIDER");
        }
        assertThat(chart.env("Deployment", DASHBOARD)).doesNotContainKeys("ENGRAM_LLM_PROFILES_CLAUDE_MODEL");
    }

    @Test
    void noSecretIsCreatedWhenTheOperatorManagesIt() {
        assertThat(chart.all("Secret")).isEmpty();
        assertThat(EngramChart.renderWithHooks(SCENARIO).all("Secret")).isEmpty();
    }

    @Test
    void noConfigMapHoldsASecretValue() {
        for (Map<String, Object> configMap : chart.all("ConfigMap")) {
            assertThat(Yaml.map(configMap, "data").keySet())
                    .noneMatch(k -> k.contains("PASSWORD") || k.contains("API_KEY") || k.contains("SECRET")
                            || k.contains("JAAS"));
        }
    }

    @Test
    void migrationJobRunsTheWorkerImageInMigrateOnlyModeBeforeInstallAndUpgrade() {
        RenderedChart withHooks = EngramChart.renderWithHooks(SCENARIO);
        Map<String, Object> job = withHooks.get("Job", FULLNAME + "-migration");

        assertThat(Yaml.map(job, "metadata.annotations")).containsExactlyInAnyOrderEntriesOf(Map.of(
                EngramChart.VISIBLE_HOOK_ANNOTATION, "pre-install,pre-upgrade",
                "helm.sh/hook-weight", "0",
                "helm.sh/hook-delete-policy", "before-hook-creation,hook-succeeded"));
        assertThat(Yaml.string(withHooks.container("Job", FULLNAME + "-migration"), "image"))
                .isEqualTo("engram/ingest-worker:0.1.0");
        assertThat(Yaml.string(job, "spec.template.spec.restartPolicy")).isEqualTo("Never");
        assertThat(withHooks.env("Job", FULLNAME + "-migration")).contains(
                entry("ENGRAM_MIGRATE_ONLY", literal("true")),
                entry("ENGRAM_STORAGE_KIND", literal("POSTGRES")),
                entry("QUARKUS_DATASOURCE_JDBC_URL", literal(JDBC_URL)),
                entry("QUARKUS_DATASOURCE_USERNAME", literal("engram_app")),
                entry("QUARKUS_DATASOURCE_PASSWORD", secret(SECRET, "pg-password", false)))
                .doesNotContainKey("QUARKUS_FLYWAY_MIGRATE_AT_START");
        // The ConfigMaps are not there yet when a pre-install hook runs.
        assertThat(Yaml.list(withHooks.container("Job", FULLNAME + "-migration"), "envFrom")).isEmpty();
        // Nor is the chart's ServiceAccount.
        assertThat(Yaml.at(job, "spec.template.spec.serviceAccountName")).isNull();
        // helm template (the release manifest) leaves hooks out: the Job is not an ordinary release object.
        assertThat(chart.all("Job")).isEmpty();
    }

    @Test
    void networkPolicyAdmitsTheIngressControllerAndTheReleaseAndOpensTheDependencyPorts() {
        Map<String, Object> policy = chart.get("NetworkPolicy", FULLNAME);

        Map<String, Object> fromController = Yaml.list(policy, "spec.ingress").get(0);
        assertThat(Yaml.at(Yaml.list(fromController, "from").get(0), "namespaceSelector.matchLabels"))
                .isEqualTo(Map.of("kubernetes.io/metadata.name", "ingress-nginx"));
        assertThat(Yaml.list(fromController, "ports")).extracting(p -> p.get("port")).containsExactly(8080, 8082);
        assertThat(Yaml.at(Yaml.list(Yaml.list(policy, "spec.ingress").get(1), "from").get(0), "podSelector.matchLabels"))
                .isEqualTo(Map.of("app.kubernetes.io/name", "engram", "app.kubernetes.io/instance", "prod"));
        // Ports taken from the endpoints: brokers on 9093, PostgreSQL on 5433, Qdrant gRPC, OIDC and LLM over HTTPS.
        assertThat(Yaml.list(policy, "spec.egress"))
                .flatExtracting(rule -> Yaml.list(rule, "ports"))
                .extracting(p -> p.get("port"))
                .containsExactlyInAnyOrder(53, 53, 9093, 5433, 6334, 443, 443);
    }

    @Test
    void explicitEgressPortsAndPeersReplaceTheDerivedOnes() {
        RenderedChart changed = RenderedChart.parse(EngramChart.template(t -> t
                .withValuesFile(EngramChart.scenario(SCENARIO))
                .set("networkPolicy.egress.postgresql.ports[0]", 6432)
                .set("networkPolicy.egress.postgresql.to[0].ipBlock.cidr", "10.20.0.0/16")));
        Map<String, Object> rule = Yaml.list(changed.get("NetworkPolicy", FULLNAME), "spec.egress").stream()
                .filter(r -> Yaml.list(r, "ports").stream().anyMatch(p -> Integer.valueOf(6432).equals(p.get("port"))))
                .findFirst().orElseThrow();

        assertThat(Yaml.list(rule, "ports")).extracting(p -> p.get("port")).containsExactly(6432);
        assertThat(Yaml.list(rule, "to")).containsExactly(Map.of("ipBlock", Map.of("cidr", "10.20.0.0/16")));
    }

    @Test
    void aConfigChangeChangesOnlyTheAffectedAppsChecksumSoOnlyTheirPodsRoll() {
        RenderedChart changed = RenderedChart.parse(EngramChart.template(
                t -> t.withValuesFile(EngramChart.scenario(SCENARIO)).set("config.kafkaGroup", "engram-workers-2")));

        assertThat(checksum(changed, WORKER)).isNotEqualTo(checksum(chart, WORKER));
        assertThat(checksum(changed, GATEWAY)).isEqualTo(checksum(chart, GATEWAY)).matches("[0-9a-f]{64}");
        assertThat(checksum(changed, DASHBOARD)).isEqualTo(checksum(chart, DASHBOARD));
    }

    private static String checksum(RenderedChart chart, String deployment) {
        return Yaml.string(Yaml.map(chart.get("Deployment", deployment), "spec.template.metadata.annotations"),
                "checksum/config");
    }
}
