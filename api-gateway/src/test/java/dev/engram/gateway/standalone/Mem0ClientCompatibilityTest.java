package dev.engram.gateway.standalone;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Wire compatibility with the official Mem0 TypeScript client ({@code mem0ai}, pinned in
 * {@code src/test/node/package.json}): the packaged platform runs as a real process with a known bootstrap key, and
 * {@code mem0-compat.mjs} exercises every memory call through {@code MemoryClient}, asserting what the SDK returns.
 *
 * <p>Runs in the integration-test phase (failsafe), after {@code package} has built the runnable jar. It is skipped only
 * when {@code node} is missing; CI installs it ({@code .ci/run}).
 */
class Mem0ClientCompatibilityTest {

    private static final String ADMIN_KEY = "m0-engram-compat-test-key";

    @TempDir
    Path temp;

    @Test
    void officialClientScenarioPasses() throws Exception {
        Optional<Path> node = Mem0ClientScenario.findNode();
        assumeTrue(node.isPresent(), "node is not on the PATH: the official Mem0 client test needs Node.js 18+ (apt-get install nodejs npm)");
        Mem0ClientScenario scenario = Mem0ClientScenario.prepare(node.get());

        try (StandaloneServer server = StandaloneServer.start(temp.resolve("data"), ADMIN_KEY)) {
            int exit = scenario.run(server.url(), ADMIN_KEY, "all", null);
            assertEquals(0, exit, () -> "the Mem0 client scenario failed (its output is above)\n" + server.logTail());
        }
    }
}
