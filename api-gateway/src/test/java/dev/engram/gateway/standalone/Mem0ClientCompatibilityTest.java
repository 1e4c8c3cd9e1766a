package dev.engram.gateway.standalone;

import dev.engram.testing.standalone.StandaloneServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Wire compatibility with the official Mem0 TypeScript client ({@code mem0ai}, pinned in
 * {@code src/test/node/package.json}), against the standalone platform as a user runs it: {@code ./engram up} on a
 * fresh data directory, a real process. {@code mem0-compat.mjs} exercises every memory, project and webhook call through
 * {@code MemoryClient} and asserts what the SDK returns; then the server is stopped with SIGTERM while adds are still
 * in flight and started again on the same directory, and every memory and every acknowledged add must still be there.
 *
 * <p>One server lifecycle serves both tests (the restart needs what the scenario left), which keeps this under a
 * minute. Runs in the integration-test phase (failsafe), after {@code package} built the runnable jar. Skipped only
 * when {@code node} is missing; CI installs it ({@code .ci/run}).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class Mem0ClientCompatibilityTest {

    /** Registered through ENGRAM_BOOTSTRAP_API_KEY at the second start, beside the key generated at the first. */
    private static final String BOOTSTRAP_KEY = "m0-engram-compat-bootstrap-key";

    @TempDir
    static Path temp;

    private static Mem0ClientScenario scenario;
    private static StandaloneServer server;
    private static String generatedKey;
    private static Path state;

    @BeforeAll
    static void startPlatform() throws Exception {
        Optional<Path> node = Mem0ClientScenario.findNode();
        assumeTrue(node.isPresent(), "node is not on the PATH: the official Mem0 client test needs Node.js 18+ (apt-get install nodejs npm)");
        scenario = Mem0ClientScenario.prepare();
        state = temp.resolve("compat-state.json");
        server = StandaloneServer.start(temp.resolve("platform"), null);
        generatedKey = server.generatedAdminKey();
    }

    @AfterAll
    static void stopPlatform() {
        if (server != null) server.close();
    }

    @Test
    @Order(1)
    void officialClientScenarioPasses() throws Exception {
        int exit = scenario.run(server.url(), generatedKey, "all", state);
        assertEquals(0, exit, () -> "the Mem0 client scenario failed (its output is above)\n" + server.logTail());
    }

    @Test
    @Order(2)
    void nothingAcknowledgedIsLostAcrossARestart() throws Exception {
        assertTrue(Files.exists(state), "the scenario did not get to record what must survive the restart (see the first test)");
        Path dataDir = server.dataDir();
        server.stop();
        assertTrue(server.log().contains("stopped in"), () -> "SIGTERM did not shut Quarkus down gracefully\n" + server.logTail());

        server = StandaloneServer.start(dataDir, BOOTSTRAP_KEY);
        assertEquals(generatedKey, server.generatedAdminKey(), "the generated admin key file is kept");
        assertEquals(200, pingStatus(generatedKey), "the key generated at the first start still works after the restart");
        int exit = scenario.run(server.url(), BOOTSTRAP_KEY, "after-restart", state);
        assertEquals(0, exit, () -> "memories or acknowledged adds were lost across the restart (scenario output above)\n" + server.logTail());
    }

    private static int pingStatus(String key) throws Exception {
        HttpRequest ping = HttpRequest.newBuilder(URI.create(server.url() + "/v1/ping/")).header("Authorization", "Token " + key).build();
        try (HttpClient http = HttpClient.newHttpClient()) {
            return http.send(ping, HttpResponse.BodyHandlers.discarding()).statusCode();
        }
    }
}
