package dev.engram.dashboard.e2e;

import dev.engram.testing.node.NodeProject;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * {@code src/test/node/console-e2e.mjs} and {@code standalone-e2e.mjs}: playwright-core driving Debian's Chromium, and the mem0ai client, installed
 * in {@code target/console-e2e} by {@link NodeProject}. No browser is downloaded: playwright-core has none, and the
 * script launches {@code /usr/bin/chromium}.
 */
final class ConsoleScript {

    private static final List<String> PROJECT_FILES = List.of("package.json", "package-lock.json", ".npmrc", "browser.mjs",
            "console-e2e.mjs", "standalone-e2e.mjs");
    private static final long TIMEOUT_SECONDS = 240;

    private final NodeProject project;

    private ConsoleScript(NodeProject project) {
        this.project = project;
    }

    static ConsoleScript prepare(Path module) throws IOException, InterruptedException {
        return new ConsoleScript(NodeProject.prepare(module.resolve("src/test/node"), module.resolve("target/console-e2e"), PROJECT_FILES,
                "playwright-core"));
    }

    /** Runs the scenario, streaming its output prefixed with [console-e2e], and returns its exit code. */
    int run(Map<String, String> env) throws IOException, InterruptedException {
        return run("console-e2e.mjs", env);
    }

    /** Runs one of the scenario scripts ({@code *.mjs} of {@code src/test/node}) and returns its exit code. */
    int run(String script, Map<String, String> env) throws IOException, InterruptedException {
        return project.node(List.of(script), env, "[" + script.replace(".mjs", "") + "] ", TIMEOUT_SECONDS);
    }
}
