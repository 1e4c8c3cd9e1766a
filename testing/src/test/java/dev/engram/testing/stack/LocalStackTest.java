package dev.engram.testing.stack;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * What {@link LocalStack} refuses before it starts anything. The stack itself runs in the deploy module's
 * {@code DistributedStackIT}, which needs the packaged apps.
 */
class LocalStackTest {

    @Test
    void refusesAnAdminKeyTheGatewayWouldReject() {
        assertThatThrownBy(() -> LocalStack.builder().adminApiKey("short")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("20-256 printable characters");
        assertThatThrownBy(() -> LocalStack.builder().adminApiKey("twenty or more chars but spaces"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void refusesNoWorkersAndNoPartitions() {
        assertThatThrownBy(() -> LocalStack.builder().workers(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> LocalStack.builder().partitions(0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void refusesTheDashboardWithoutKeycloakAndKeycloakWithoutADistribution(@TempDir Path checkout) throws Exception {
        for (String app : new String[] {"api-gateway", "ingest-worker", "dashboard-backend"}) {
            Files.createDirectories(checkout.resolve(app + "/target/quarkus-app"));
            Files.writeString(checkout.resolve(app + "/target/quarkus-app/quarkus-run.jar"), "");
        }
        LocalStack.Builder builder = LocalStack.builder().repositoryRoot(checkout).workDirectory(checkout.resolve("work"));

        assertThatThrownBy(() -> builder.dashboard(true).start()).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("start it with Keycloak");
        assertThatThrownBy(() -> builder.keycloak(checkout.resolve("no-keycloak")).start())
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("bin/kc.sh is missing");
    }

    @Test
    void namesTheMissingFastJarAndHowToBuildIt(@TempDir Path checkout) throws Exception {
        Files.createDirectories(checkout.resolve("api-gateway/target/quarkus-app"));
        Files.writeString(checkout.resolve("api-gateway/target/quarkus-app/quarkus-run.jar"), "");
        Files.createDirectories(checkout.resolve("ingest-worker"));

        assertThatThrownBy(() -> LocalStack.builder().repositoryRoot(checkout).workDirectory(checkout.resolve("work")).start())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(checkout.resolve("ingest-worker/target/quarkus-app/quarkus-run.jar").toString())
                .hasMessageContaining("-pl ingest-worker -am");
    }
}
