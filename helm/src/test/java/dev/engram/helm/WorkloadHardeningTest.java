package dev.engram.helm;

import static dev.engram.helm.EngramChart.DASHBOARD;
import static dev.engram.helm.EngramChart.FULLNAME;
import static dev.engram.helm.EngramChart.GATEWAY;
import static dev.engram.helm.EngramChart.WORKER;
import static dev.engram.helm.RenderedChart.EnvValue.literal;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** What every Engram workload gets in every scenario: probes, security context, writable volumes, JVM flags, labels. */
class WorkloadHardeningTest {

    private static final Map<String, Integer> PORTS = Map.of(GATEWAY, 8080, WORKER, 8081, DASHBOARD, 8082);
    private static final Map<String, Object> CONTAINER_SECURITY = Map.of(
            "runAsNonRoot", true,
            "runAsUser", 10001,
            "runAsGroup", 10001,
            "readOnlyRootFilesystem", true,
            "allowPrivilegeEscalation", false,
            "capabilities", Map.of("drop", List.of("ALL")),
            "seccompProfile", Map.of("type", "RuntimeDefault"));

    @ParameterizedTest
    @ValueSource(strings = {"minimal-external", "bundled", "high-availability"})
    void everyAppProbesItsHealthEndpointsOnItsHttpPort(String scenario) {
        RenderedChart chart = EngramChart.render(scenario);
        PORTS.forEach((deployment, port) -> {
            Map<String, Object> container = chart.container("Deployment", deployment);
            assertThat(Yaml.list(container, "ports")).as(deployment).extracting(p -> p.get("name"), p -> p.get("containerPort"))
                    .containsExactly(tuple("http", port), tuple("management", 9000));
            // The apps default to loopback: in a pod they are told to listen on every interface.
            assertThat(chart.env("Deployment", deployment)).containsEntry("ENGRAM_HTTP_HOST", literal("0.0.0.0"))
                    .containsEntry("ENGRAM_MANAGEMENT_PORT", literal("9000"));
            assertThat(Yaml.string(container, "livenessProbe.httpGet.path")).isEqualTo("/q/health/live");
            assertThat(Yaml.string(container, "readinessProbe.httpGet.path")).isEqualTo("/q/health/ready");
            assertThat(Yaml.string(container, "startupProbe.httpGet.path")).isEqualTo("/q/health/live");
            for (String probe : List.of("livenessProbe", "readinessProbe", "startupProbe")) {
                assertThat(Yaml.string(container, probe + ".httpGet.port")).as(probe).isEqualTo("http");
            }
            // The embedding model loads before the port opens: up to 36 x 5 s.
            assertThat(Yaml.at(container, "startupProbe.failureThreshold")).isEqualTo(36);
            assertThat(Yaml.list(chart.get("Service", deployment), "spec.ports"))
                    .extracting(p -> p.get("name"), p -> p.get("port"), p -> p.get("targetPort"))
                    .containsExactly(tuple("http", port, "http"), tuple("management", 9000, "management"));
        });
    }

    @ParameterizedTest
    @ValueSource(strings = {"minimal-external", "bundled", "high-availability"})
    void everyAppRunsAsNonRootOnAReadOnlyRootWithTmpAndDataVolumes(String scenario) {
        RenderedChart chart = EngramChart.render(scenario);
        for (String deployment : PORTS.keySet()) {
            Map<String, Object> pod = Yaml.map(chart.get("Deployment", deployment), "spec.template.spec");
            Map<String, Object> container = chart.container("Deployment", deployment);

            assertThat(Yaml.map(container, "securityContext")).as(deployment).isEqualTo(CONTAINER_SECURITY);
            assertThat(Yaml.map(pod, "securityContext")).isEqualTo(Map.of(
                    "runAsNonRoot", true, "runAsUser", 10001, "runAsGroup", 10001, "fsGroup", 10001,
                    "seccompProfile", Map.of("type", "RuntimeDefault")));
            assertThat(pod).containsEntry("automountServiceAccountToken", false)
                    .containsEntry("enableServiceLinks", false)
                    .containsEntry("serviceAccountName", FULLNAME);
            assertThat(Yaml.list(container, "volumeMounts")).extracting(m -> m.get("name"), m -> m.get("mountPath"))
                    .containsExactly(org.assertj.core.groups.Tuple.tuple("tmp", "/tmp"),
                            org.assertj.core.groups.Tuple.tuple("data", "/var/lib/engram"));
            assertThat(Yaml.list(pod, "volumes")).allSatisfy(v -> assertThat(v).containsEntry("emptyDir", Map.of()));
            assertThat(chart.env("Deployment", deployment)).containsEntry("ENGRAM_DATA_DIR", literal("/var/lib/engram"));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"minimal-external", "bundled", "high-availability"})
    void theMigrationJobIsHardenedLikeTheApps(String scenario) {
        RenderedChart chart = EngramChart.renderWithHooks(scenario);
        Map<String, Object> container = chart.container("Job", FULLNAME + "-migration");

        assertThat(Yaml.map(container, "securityContext")).isEqualTo(CONTAINER_SECURITY);
        assertThat(Yaml.map(chart.get("Job", FULLNAME + "-migration"), "spec.template.spec"))
                .containsEntry("enableServiceLinks", false).containsEntry("automountServiceAccountToken", false);
        assertThat(Yaml.list(container, "volumeMounts")).extracting(m -> m.get("mountPath"))
                .containsExactly("/tmp", "/var/lib/engram");
    }

    @ParameterizedTest
    @ValueSource(strings = {"minimal-external", "bundled", "high-availability"})
    void jvmFlagsAndHeapAndResourcesFollowTheValues(String scenario) {
        RenderedChart chart = EngramChart.render(scenario);
        String flags = "--add-modules jdk.incubator.vector --enable-native-access=ALL-UNNAMED";
        String common = " -Djava.io.tmpdir=/tmp -Djava.util.logging.manager=org.jboss.logmanager.LogManager";

        assertThat(chart.env("Deployment", GATEWAY)).containsEntry("JAVA_OPTS",
                literal(flags + " -Xmx1536m" + common));
        assertThat(chart.env("Deployment", WORKER)).containsEntry("JAVA_OPTS",
                literal(flags + " -Xmx1536m" + common));
        assertThat(chart.env("Deployment", DASHBOARD)).containsEntry("JAVA_OPTS",
                literal(flags + " -Xmx512m" + common));
        Map<String, Object> gatewayResources = Yaml.map(chart.container("Deployment", GATEWAY), "resources");
        assertThat(gatewayResources).isEqualTo(Map.of(
                "requests", Map.of("cpu", "500m", "memory", "2Gi"),
                "limits", Map.of("memory", "2560Mi")));
    }

    @ParameterizedTest
    @ValueSource(strings = {"minimal-external", "bundled", "high-availability"})
    void everyObjectCarriesTheStandardLabels(String scenario) {
        for (Map<String, Object> object : EngramChart.render(scenario).all()) {
            assertThat(Yaml.map(object, "metadata.labels")).as("%s %s", object.get("kind"),
                            Yaml.string(object, "metadata.name"))
                    .containsEntry("app.kubernetes.io/name", "engram")
                    .containsEntry("app.kubernetes.io/instance", EngramChart.RELEASE)
                    .containsEntry("app.kubernetes.io/version", "0.1.0")
                    .containsEntry("app.kubernetes.io/managed-by", "Helm")
                    .containsEntry("app.kubernetes.io/part-of", "engram")
                    .containsEntry("helm.sh/chart", "engram-0.1.0");
        }
    }
}
