package dev.engram.gateway.standalone;

import dev.engram.testing.standalone.StandaloneServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The MCP endpoint with the official MCP TypeScript SDK client ({@code @modelcontextprotocol/sdk}, pinned in
 * {@code src/test/node/mcp-client/package.json}) over real HTTP, against the standalone platform as a user runs it
 * ({@code ./engram up} on a fresh data directory). {@code mcp-client.mjs} connects over Streamable HTTP with an API key,
 * lists the tools, adds the seed's Chinese example, searches {@code 前端开发} and must get it back first; it also checks
 * the connection's default user, tool errors for bad arguments, the {@code max_tokens} budget, that another tenant's key
 * sees nothing and that a bad key is refused.
 *
 * <p>Runs in the integration-test phase (failsafe), after {@code package} built the runnable jar, like
 * {@link Mem0ClientCompatibilityTest}. Skipped only when {@code node} is missing; CI installs it ({@code .ci/run}).
 */
class McpClientCompatibilityTest {

    @TempDir
    static Path temp;

    private static McpClientScenario scenario;
    private static StandaloneServer server;

    @BeforeAll
    static void startPlatform() throws Exception {
        assumeTrue(Mem0ClientScenario.findNode().isPresent(), "node is not on the PATH: the MCP client test needs Node.js 18+ (apt-get install nodejs npm)");
        scenario = McpClientScenario.prepare();
        server = StandaloneServer.start(temp.resolve("platform"), null);
    }

    @AfterAll
    static void stopPlatform() {
        if (server != null) server.close();
    }

    @Test
    void officialMcpClientScenarioPasses() throws Exception {
        int exit = scenario.run(server.url(), server.generatedAdminKey());
        assertEquals(0, exit, () -> "the MCP client scenario failed (its output is above)\n" + server.logTail());
    }
}
