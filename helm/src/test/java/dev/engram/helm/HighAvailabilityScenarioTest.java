package dev.engram.helm;

import static dev.engram.helm.EngramChart.DASHBOARD;
import static dev.engram.helm.EngramChart.FULLNAME;
import static dev.engram.helm.EngramChart.GATEWAY;
import static dev.engram.helm.EngramChart.WORKER;
import static dev.engram.helm.RenderedChart.EnvValue.literal;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Scenario (c), high-availability.yaml: autoscaling, PDBs keeping two pods, TLS ingress, ServiceMonitor. */
class HighAvailabilityScenarioTest {

    private final RenderedChart chart = EngramChart.render("high-availability");

    @Test
    void autoscaledDeploymentsLeaveTheReplicaCountToTheirAutoscaler() {
        assertThat(Yaml.map(chart.get("Deployment", GATEWAY), "spec")).doesNotContainKey("replicas");
        assertThat(Yaml.map(chart.get("Deployment", WORKER), "spec")).doesNotContainKey("replicas");
        assertThat(Yaml.at(chart.get("Deployment", DASHBOARD), "spec.replicas")).isEqualTo(2);
    }

    @Test
    void gatewayPodsSpreadOverZonesSelectingTheirOwnLabels() {
        assertThat(Yaml.list(chart.get("Deployment", GATEWAY), "spec.template.spec.topologySpreadConstraints"))
                .containsExactly(Map.of(
                        "maxSkew", 1,
                        "topologyKey", "topology.kubernetes.io/zone",
                        "whenUnsatisfiable", "ScheduleAnyway",
                        "labelSelector", Map.of("matchLabels", Map.of(
                                "app.kubernetes.io/name", "engram",
                                "app.kubernetes.io/instance", "prod",
                                "app.kubernetes.io/component", "api-gateway"))));
        assertThat(Yaml.map(chart.get("Deployment", WORKER), "spec.template.spec"))
                .doesNotContainKey("topologySpreadConstraints");
    }

    @Test
    void gatewayAutoscalesFromThreeToTenOnCpuAndMemory() {
        Map<String, Object> hpa = chart.get("HorizontalPodAutoscaler", GATEWAY);

        assertThat(hpa.get("apiVersion")).isEqualTo("autoscaling/v2");
        assertThat(Yaml.map(hpa, "spec.scaleTargetRef"))
                .isEqualTo(Map.of("apiVersion", "apps/v1", "kind", "Deployment", "name", GATEWAY));
        assertThat(Yaml.at(hpa, "spec.minReplicas")).isEqualTo(3);
        assertThat(Yaml.at(hpa, "spec.maxReplicas")).isEqualTo(10);
        assertThat(Yaml.list(hpa, "spec.metrics")).extracting(
                        m -> Yaml.string(m, "resource.name"), m -> Yaml.at(m, "resource.target.averageUtilization"))
                .containsExactly(org.assertj.core.groups.Tuple.tuple("cpu", 60),
                        org.assertj.core.groups.Tuple.tuple("memory", 85));
    }

    @Test
    void workersAutoscaleFromThreeToTheTwelvePartitionsOnCpu() {
        Map<String, Object> hpa = chart.get("HorizontalPodAutoscaler", WORKER);

        assertThat(Yaml.at(hpa, "spec.minReplicas")).isEqualTo(3);
        assertThat(Yaml.at(hpa, "spec.maxReplicas")).isEqualTo(12);
        assertThat(Yaml.list(hpa, "spec.metrics")).singleElement().satisfies(m -> {
            assertThat(Yaml.string(m, "resource.name")).isEqualTo("cpu");
            assertThat(Yaml.at(m, "resource.target.averageUtilization")).isEqualTo(70);
        });
        assertThat(chart.find("HorizontalPodAutoscaler", DASHBOARD)).isEmpty();
    }

    @Test
    void disruptionBudgetsKeepTwoGatewaysAndTwoWorkersUp() {
        assertThat(Yaml.map(chart.get("PodDisruptionBudget", GATEWAY), "spec"))
                .containsEntry("minAvailable", 2).doesNotContainKey("maxUnavailable");
        assertThat(Yaml.map(chart.get("PodDisruptionBudget", WORKER), "spec"))
                .containsEntry("minAvailable", 2).doesNotContainKey("maxUnavailable");
        assertThat(Yaml.map(chart.get("PodDisruptionBudget", DASHBOARD), "spec"))
                .containsEntry("maxUnavailable", 1).doesNotContainKey("minAvailable");
        assertThat(Yaml.map(chart.get("PodDisruptionBudget", GATEWAY), "spec.selector.matchLabels"))
                .containsEntry("app.kubernetes.io/component", "api-gateway");
    }

    @Test
    void ingressTerminatesTlsForTheGatewayAndTheDashboardHost() {
        Map<String, Object> ingress = chart.get("Ingress", FULLNAME);

        assertThat(Yaml.string(ingress, "spec.ingressClassName")).isEqualTo("nginx");
        assertThat(Yaml.map(ingress, "metadata.annotations")).containsEntry("cert-manager.io/cluster-issuer", "letsencrypt");
        assertThat(Yaml.list(ingress, "spec.tls")).singleElement().satisfies(tls -> {
            assertThat(tls.get("secretName")).isEqualTo("engram-tls");
            assertThat(Yaml.values(tls, "hosts")).containsExactly("memory.example.com", "dashboard.memory.example.com");
        });
        List<Map<String, Object>> rules = Yaml.list(ingress, "spec.rules");
        assertThat(rules).extracting(r -> r.get("host")).containsExactly("memory.example.com", "dashboard.memory.example.com");
        assertThat(Yaml.list(rules.get(0), "http.paths")).singleElement().satisfies(p -> {
            assertThat(p.get("path")).isEqualTo("/");
            assertThat(Yaml.string(p, "backend.service.name")).isEqualTo(GATEWAY);
            assertThat(Yaml.string(p, "backend.service.port.name")).isEqualTo("http");
        });
        assertThat(Yaml.list(rules.get(1), "http.paths")).singleElement().satisfies(p -> {
            assertThat(p.get("path")).isEqualTo("/");
            assertThat(Yaml.string(p, "backend.service.name")).isEqualTo(DASHBOARD);
        });
        // On a host of its own the dashboard stays at the root path.
        assertThat(chart.env("Deployment", DASHBOARD)).doesNotContainKey("QUARKUS_HTTP_ROOT_PATH");
    }

    @Test
    void serviceMonitorScrapesEveryAppsMetricsEndpoint() {
        Map<String, Object> monitor = chart.get("ServiceMonitor", FULLNAME);

        assertThat(monitor.get("apiVersion")).isEqualTo("monitoring.coreos.com/v1");
        assertThat(Yaml.map(monitor, "metadata.labels")).containsEntry("release", "kube-prometheus-stack");
        assertThat(Yaml.list(monitor, "spec.endpoints")).singleElement().satisfies(e -> {
            // Metrics are on the management port (Quarkus' management interface), not on the HTTP port.
            assertThat(e.get("port")).isEqualTo("management");
            assertThat(e.get("path")).isEqualTo("/q/metrics");
            assertThat(e.get("interval")).isEqualTo("30s");
        });
        assertThat(Yaml.values(Yaml.list(monitor, "spec.selector.matchExpressions").get(0), "values"))
                .containsExactly("api-gateway", "ingest-worker", "dashboard-backend");
        assertThat(Yaml.values(monitor, "spec.namespaceSelector.matchNames")).containsExactly(EngramChart.NAMESPACE);
    }

    @Test
    void metricsScrapersAreAdmittedByTheNetworkPolicy() {
        List<Map<String, Object>> ingress = Yaml.list(chart.get("NetworkPolicy", FULLNAME), "spec.ingress");

        assertThat(ingress).hasSize(3);
        assertThat(Yaml.at(Yaml.list(ingress.get(2), "from").get(0), "namespaceSelector.matchLabels"))
                .isEqualTo(Map.of("kubernetes.io/metadata.name", "monitoring"));
        assertThat(Yaml.list(ingress.get(2), "ports")).extracting(p -> p.get("port")).containsExactly(9000);
    }

    @Test
    void egressPortsComeFromTheJdbcUrlAndTheBootstrapServers() {
        // OIDC is off and no LLM is set in this scenario: no 443 rule.
        assertThat(Yaml.list(chart.get("NetworkPolicy", FULLNAME), "spec.egress"))
                .flatExtracting(rule -> Yaml.list(rule, "ports"))
                .extracting(p -> p.get("port"))
                .containsExactlyInAnyOrder(53, 53, 9092, 5432, 6334);
    }

    @Test
    void anExplicitJdbcUrlIsPassedThroughUnchanged() {
        assertThat(chart.env("Deployment", WORKER)).containsEntry("QUARKUS_DATASOURCE_JDBC_URL",
                literal("jdbc:postgresql://pg-primary.data.svc:5432/engram?sslmode=verify-full"));
    }
}
