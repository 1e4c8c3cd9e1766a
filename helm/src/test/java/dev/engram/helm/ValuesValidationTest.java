package dev.engram.helm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.marcnuri.helm.TemplateCommand;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/** values.schema.json and the templates' own checks reject bad values before anything reaches a cluster. */
class ValuesValidationTest {

    /** The minimal-external scenario plus one more setting: valid on its own, so only that setting can break it. */
    private static UnaryOperator<TemplateCommand> minimalWith(String key, Object value) {
        return t -> t.withValuesFile(EngramChart.scenario("minimal-external")).set(key, value);
    }

    @Test
    void theBaselineIsValid() {
        assertThat(EngramChart.template(minimalWith("apiGateway.image.pullPolicy", "Always")))
                .contains("imagePullPolicy: Always");
    }

    @Test
    void schemaRejectsASingleProcessStorageKind() {
        assertThatThrownBy(() -> EngramChart.template(minimalWith("config.storageKind", "EMBEDDED")))
                .hasMessageContaining("values don't meet the specifications of the schema")
                .hasMessageContaining("storageKind");
    }

    @Test
    void schemaRejectsTheJournalIngestKind() {
        assertThatThrownBy(() -> EngramChart.template(minimalWith("config.ingestKind", "JOURNAL")))
                .hasMessageContaining("ingestKind");
    }

    @Test
    void schemaRejectsAnUnknownPullPolicy() {
        assertThatThrownBy(() -> EngramChart.template(minimalWith("ingestWorker.image.pullPolicy", "Sometimes")))
                .hasMessageContaining("pullPolicy");
    }

    @Test
    void schemaRejectsAMistypedTopLevelKey() {
        assertThatThrownBy(() -> EngramChart.template(minimalWith("ingestWorkers.replicaCount", 3)))
                .hasMessageContaining("ingestWorkers");
    }

    @Test
    void schemaRejectsAWrongType() {
        assertThatThrownBy(() -> EngramChart.template(minimalWith("externalQdrant.tls", "yes")))
                .hasMessageContaining("tls");
    }

    @Test
    void schemaRejectsAHeapWithoutUnit() {
        assertThatThrownBy(() -> EngramChart.template(minimalWith("apiGateway.heap", "1536")))
                .hasMessageContaining("heap");
    }

    @Test
    void schemaRejectsAnLlmProfileWithAnUpperCaseNameOrWithoutAModelOrWithAnUnknownProvider() {
        assertThatThrownBy(() -> EngramChart.template(minimalWith("llm.profiles.Claude.model", "m"))).hasMessageContaining("Claude");
        assertThatThrownBy(() -> EngramChart.template(minimalWith("llm.profiles.fast.provider", "openai"))).hasMessageContaining("model");
        assertThatThrownBy(() -> EngramChart.template(minimalWith("llm.provider", "mistral"))).hasMessageContaining("provider");
    }

    @Test
    void schemaRequiresAnAuthServerWhenOidcIsOn() {
        assertThatThrownBy(() -> EngramChart.template(minimalWith("oidc.authServerUrl", "")))
                .hasMessageContaining("authServerUrl");
    }

    @Test
    void externalKafkaIsRequiredWithoutTheBundledBroker() {
        assertThatThrownBy(() -> EngramChart.template(minimalWith("externalKafka.bootstrapServers", "")))
                .hasMessageContaining("externalKafka.bootstrapServers is required");
    }

    @Test
    void aChartCreatedSecretNeedsTheDatabasePasswordAndTheAdminKey() {
        assertThatThrownBy(() -> EngramChart.template(t -> t.withValuesFile(EngramChart.scenario("bundled"))
                .set("secrets.values.databasePassword", "")))
                .hasMessageContaining("secrets.values.databasePassword is required");
    }

    @Test
    void tlsIngressNeedsASecretName() {
        assertThatThrownBy(() -> EngramChart.template(t -> t.withValuesFile(EngramChart.scenario("high-availability"))
                .set("ingress.tls.secretName", "")))
                .hasMessageContaining("ingress.tls.secretName is required");
    }
}
