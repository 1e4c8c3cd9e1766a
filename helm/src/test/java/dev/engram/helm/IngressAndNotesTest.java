package dev.engram.helm;

import static dev.engram.helm.EngramChart.DASHBOARD;
import static dev.engram.helm.EngramChart.FULLNAME;
import static dev.engram.helm.EngramChart.GATEWAY;
import static dev.engram.helm.RenderedChart.EnvValue.literal;
import static org.assertj.core.api.Assertions.assertThat;

import com.marcnuri.helm.Helm;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The dashboard served under a path of the gateway's host, and what NOTES.txt tells the operator. */
class IngressAndNotesTest {

    @Test
    void withoutAHostOfItsOwnTheDashboardIsServedUnderItsPathOnTheGatewayHost() {
        RenderedChart chart = RenderedChart.parse(EngramChart.template(t -> t
                .withValuesFile(EngramChart.scenario("minimal-external"))
                .set("ingress.enabled", true)
                .set("ingress.host", "memory.example.com")
                .set("ingress.dashboard.path", "/console")));
        Map<String, Object> ingress = chart.get("Ingress", FULLNAME);

        assertThat(Yaml.list(ingress, "spec.tls")).isEmpty();
        List<Map<String, Object>> paths = Yaml.list(Yaml.list(ingress, "spec.rules").get(0), "http.paths");
        // The more specific prefix first, then the gateway at the root.
        assertThat(paths).extracting(p -> p.get("path"), p -> Yaml.string(p, "backend.service.name"))
                .containsExactly(org.assertj.core.groups.Tuple.tuple("/console", DASHBOARD),
                        org.assertj.core.groups.Tuple.tuple("/", GATEWAY));
        // The app moves under the path; its health and metrics endpoints stay at /q for the probes.
        assertThat(chart.env("Deployment", DASHBOARD))
                .containsEntry("QUARKUS_HTTP_ROOT_PATH", literal("/console"))
                .containsEntry("QUARKUS_HTTP_NON_APPLICATION_ROOT_PATH", literal("/q"));
        assertThat(Yaml.string(chart.container("Deployment", DASHBOARD), "readinessProbe.httpGet.path"))
                .isEqualTo("/q/health/ready");
    }

    @Test
    void notesTellWhereTheApiIsAndWhichSecretKeyHoldsTheAdminKey() {
        String notes = new Helm(EngramChart.DIR).install().withName(EngramChart.RELEASE)
                .withNamespace(EngramChart.NAMESPACE).withKubeVersion(EngramChart.KUBE_VERSION)
                .withValuesFile(EngramChart.scenario("minimal-external")).dryRun().clientOnly().call().getOutput();

        assertThat(notes)
                .contains("kubectl --namespace memory port-forward svc/" + GATEWAY + " 8080:8080")
                .contains("kubectl --namespace memory get secret engram-credentials -o jsonpath='{.data.admin-key}' | base64 -d")
                .contains("OIDC bearer tokens from https://keycloak.example.com/realms/engram")
                .doesNotContain("ACTION REQUIRED")
                .doesNotContain("WARNING: bundled");
    }

    @Test
    void notesAskForTheSecretWhenNobodyCreatesItAndWarnAboutBundledDependencies() {
        String notes = new Helm(EngramChart.DIR).install().withName(EngramChart.RELEASE)
                .withNamespace(EngramChart.NAMESPACE).withKubeVersion(EngramChart.KUBE_VERSION)
                .dryRun().clientOnly().call().getOutput();

        assertThat(notes)
                .contains("ACTION REQUIRED: the pods wait for Secret \"" + FULLNAME + "-secrets\"")
                .contains("WARNING: bundled PostgreSQL Qdrant Kafka run as single");
    }
}
