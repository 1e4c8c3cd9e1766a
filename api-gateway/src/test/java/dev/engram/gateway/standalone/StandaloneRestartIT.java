package dev.engram.gateway.standalone;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The standalone platform as a user runs it, across a restart: {@code ./engram up} on a fresh data directory generates
 * the admin key, the official Mem0 client scenario passes against it and leaves adds in flight, SIGTERM stops it, and a
 * second {@code ./engram up} on the same directory still has every memory and finishes every acknowledged add.
 */
class StandaloneRestartIT {

    @TempDir
    Path temp;

    @Test
    void nothingAcknowledgedIsLostAcrossARestart() throws Exception {
        Optional<Path> node = Mem0ClientScenario.findNode();
        assumeTrue(node.isPresent(), "node is not on the PATH: the standalone smoke test drives the official Mem0 client (apt-get install nodejs npm)");
        Mem0ClientScenario scenario = Mem0ClientScenario.prepare(node.get());
        Path dataDir = temp.resolve("platform");
        Path state = temp.resolve("compat-state.json");

        String adminKey;
        try (StandaloneServer first = StandaloneServer.start(dataDir, null)) {
            adminKey = first.generatedAdminKey();
            assertEquals(0, scenario.run(first.url(), adminKey, "all", state),
                    () -> "the Mem0 client scenario failed on the first start (its output is above)\n" + first.logTail());
            first.stop();
            assertTrue(first.log().contains("stopped in"), () -> "SIGTERM did not shut Quarkus down gracefully\n" + first.logTail());
        }

        try (StandaloneServer second = StandaloneServer.start(dataDir, null)) {
            assertEquals(adminKey, second.generatedAdminKey(), "the admin key is generated once and kept");
            assertEquals(0, scenario.run(second.url(), adminKey, "after-restart", state),
                    () -> "memories or acknowledged adds were lost across the restart (scenario output above)\n" + second.logTail());
        }
    }
}
