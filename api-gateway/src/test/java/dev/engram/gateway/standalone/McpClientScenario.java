package dev.engram.gateway.standalone;

import dev.engram.testing.node.NodeProject;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Runs {@code src/test/node/mcp-client/mcp-client.mjs}, the scenario that drives the official MCP TypeScript SDK client
 * ({@code @modelcontextprotocol/sdk}, pinned in its package.json) against a server's {@code /mcp}; the client is
 * installed in {@code target/mcp-client} by {@link NodeProject} once.
 */
public final class McpClientScenario {

    private static final List<String> PROJECT_FILES = List.of("package.json", "package-lock.json", ".npmrc", "mcp-client.mjs");
    private static final long SCENARIO_TIMEOUT_SECONDS = 180;

    private final NodeProject project;

    private McpClientScenario(NodeProject project) {
        this.project = project;
    }

    /** Copies the node project to {@code target/mcp-client} and installs the pinned client unless already installed. */
    public static McpClientScenario prepare() throws IOException, InterruptedException {
        Path module = Path.of(System.getProperty("basedir", "")).toAbsolutePath();
        return new McpClientScenario(NodeProject.prepare(module.resolve("src/test/node/mcp-client"), module.resolve("target/mcp-client"),
                PROJECT_FILES, "@modelcontextprotocol/sdk"));
    }

    /** Runs the scenario with an admin key (it creates its own projects and keys), streaming its output; returns its exit code. */
    public int run(String url, String adminKey) throws IOException, InterruptedException {
        return project.node(List.of("mcp-client.mjs"), Map.of("ENGRAM_URL", url, "ENGRAM_ADMIN_KEY", adminKey), "[mcp-client] ",
                SCENARIO_TIMEOUT_SECONDS);
    }
}
