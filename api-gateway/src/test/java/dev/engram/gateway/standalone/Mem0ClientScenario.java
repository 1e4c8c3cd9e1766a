package dev.engram.gateway.standalone;

import dev.engram.testing.node.NodeProject;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Runs {@code src/test/node/mem0-compat.mjs}, the scenario that drives the official Mem0 TypeScript client, against a
 * server; the pinned client is installed in {@code target/mem0-client} by {@link NodeProject} once.
 */
public final class Mem0ClientScenario {

    private static final List<String> PROJECT_FILES = List.of("package.json", "package-lock.json", ".npmrc", "mem0-compat.mjs");
    private static final long SCENARIO_TIMEOUT_SECONDS = 180;

    private final NodeProject project;

    private Mem0ClientScenario(NodeProject project) {
        this.project = project;
    }

    /** The {@code node} binary on the PATH, if any. */
    public static Optional<Path> findNode() {
        return NodeProject.onPath("node");
    }

    /** Copies the node project to {@code target/mem0-client} and installs the pinned client unless already installed. */
    public static Mem0ClientScenario prepare() throws IOException, InterruptedException {
        Path module = Path.of(System.getProperty("basedir", "")).toAbsolutePath();
        return new Mem0ClientScenario(NodeProject.prepare(module.resolve("src/test/node"), module.resolve("target/mem0-client"),
                PROJECT_FILES, "mem0ai"));
    }

    /**
     * Runs the scenario, streaming its output, and returns its exit code.
     *
     * @param phase     "all" or "after-restart"
     * @param stateFile where the "all" phase records what must survive a restart, or null
     */
    public int run(String url, String apiKey, String phase, Path stateFile) throws IOException, InterruptedException {
        Map<String, String> env = new HashMap<>(Map.of(
                "ENGRAM_URL", url,
                "ENGRAM_API_KEY", apiKey,
                "MEM0_TELEMETRY", "false",
                "MEM0_DIR", project.workDir().resolve(".mem0").toString()));
        if (stateFile != null) env.put("ENGRAM_COMPAT_STATE", stateFile.toString());
        return project.node(List.of("mem0-compat.mjs", phase), env, "[mem0-client] ", SCENARIO_TIMEOUT_SECONDS);
    }
}
