package dev.engram.gateway.standalone;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Runs {@code src/test/node/mem0-compat.mjs}, the scenario that drives the official Mem0 TypeScript client, against a
 * server. The node project is copied to {@code target/mem0-client} and installed there with {@code npm ci} once; later
 * runs reuse {@code node_modules} as long as the lock file is unchanged, so they need no network.
 */
public final class Mem0ClientScenario {

    private static final List<String> PROJECT_FILES = List.of("package.json", "package-lock.json", ".npmrc", "mem0-compat.mjs");
    private static final String INSTALLED_LOCK = ".installed-package-lock.json";
    private static final long NPM_TIMEOUT_SECONDS = 300;
    private static final long SCENARIO_TIMEOUT_SECONDS = 180;

    private final Path node;
    private final Path workDir;

    private Mem0ClientScenario(Path node, Path workDir) {
        this.node = node;
        this.workDir = workDir;
    }

    /** The {@code node} binary on the PATH, if any. */
    public static Optional<Path> findNode() {
        return onPath("node");
    }

    /** Copies the node project to {@code target/mem0-client} and installs the pinned client unless already installed. */
    public static Mem0ClientScenario prepare(Path node) throws IOException, InterruptedException {
        Path module = Path.of(System.getProperty("basedir", "")).toAbsolutePath();
        Path source = module.resolve("src/test/node");
        Path workDir = module.resolve("target/mem0-client");
        Files.createDirectories(workDir);
        for (String name : PROJECT_FILES) {
            Files.copy(source.resolve(name), workDir.resolve(name), StandardCopyOption.REPLACE_EXISTING);
        }
        Path lock = workDir.resolve("package-lock.json");
        Path installed = workDir.resolve(INSTALLED_LOCK);
        boolean upToDate = Files.isDirectory(workDir.resolve("node_modules/mem0ai"))
                && Files.exists(installed) && Files.mismatch(lock, installed) == -1;
        if (!upToDate) {
            Path npm = onPath("npm").orElseThrow(() -> new AssertionError(
                    "npm is not on the PATH, and " + workDir + "/node_modules needs installing (install npm, e.g. apt-get install npm)"));
            System.out.println("[mem0-client] npm ci in " + workDir);
            int rc = run(List.of(npm.toString(), "ci", "--prefer-offline", "--no-audit", "--no-fund"), workDir, List.of(), "[npm] ", NPM_TIMEOUT_SECONDS);
            if (rc != 0) throw new AssertionError("npm ci failed with exit code " + rc + " in " + workDir);
            Files.copy(lock, installed, StandardCopyOption.REPLACE_EXISTING);
        }
        return new Mem0ClientScenario(node, workDir);
    }

    /**
     * Runs the scenario, streaming its output, and returns its exit code.
     *
     * @param phase     "all" or "after-restart"
     * @param stateFile where the "all" phase records what must survive a restart, or null
     */
    public int run(String url, String apiKey, String phase, Path stateFile) throws IOException, InterruptedException {
        List<String> env = new ArrayList<>(List.of(
                "ENGRAM_URL=" + url,
                "ENGRAM_API_KEY=" + apiKey,
                "MEM0_TELEMETRY=false",
                "MEM0_DIR=" + workDir.resolve(".mem0")));
        if (stateFile != null) env.add("ENGRAM_COMPAT_STATE=" + stateFile);
        return run(List.of(node.toString(), "mem0-compat.mjs", phase), workDir, env, "[mem0-client] ", SCENARIO_TIMEOUT_SECONDS);
    }

    private static int run(List<String> command, Path dir, List<String> env, String prefix, long timeoutSeconds)
            throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true);
        for (String kv : env) {
            int eq = kv.indexOf('=');
            pb.environment().put(kv.substring(0, eq), kv.substring(eq + 1));
        }
        Process process = pb.start();
        Thread pump = Thread.ofPlatform().daemon().start(() -> {
            try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = out.readLine()) != null; ) System.out.println(prefix + line);
            } catch (IOException ignored) {
                // the process ended
            }
        });
        if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError(String.join(" ", command) + " did not finish within " + timeoutSeconds + " s");
        }
        pump.join(5_000);
        return process.exitValue();
    }

    private static Optional<Path> onPath(String name) {
        String path = System.getenv("PATH");
        if (path == null) return Optional.empty();
        for (String dir : path.split(File.pathSeparator)) {
            if (dir.isEmpty()) continue;
            Path candidate = Path.of(dir, name);
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) return Optional.of(candidate);
        }
        return Optional.empty();
    }
}
