package dev.engram.testing.node;

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
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * A node project of a module's tests (e.g. {@code src/test/node}: the official mem0ai client, playwright-core), copied
 * to a work directory under {@code target/} and installed there with {@code npm ci} (pinned by its package-lock) once:
 * later runs reuse {@code node_modules} while the lock file is unchanged, so they need no network. No browser is ever
 * downloaded ({@code PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD}); scripts launch Debian's Chromium themselves.
 */
public final class NodeProject {

    private static final String INSTALLED_LOCK = ".installed-package-lock.json";
    private static final long NPM_TIMEOUT_SECONDS = 300;

    private final Path node;
    private final Path workDir;

    private NodeProject(Path node, Path workDir) {
        this.node = node;
        this.workDir = workDir;
    }

    /** An executable named {@code name} on the PATH, if any. */
    public static Optional<Path> onPath(String name) {
        String path = System.getenv("PATH");
        if (path == null) return Optional.empty();
        for (String dir : path.split(File.pathSeparator)) {
            if (dir.isEmpty()) continue;
            Path candidate = Path.of(dir, name);
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) return Optional.of(candidate);
        }
        return Optional.empty();
    }

    /**
     * Copies {@code files} (package.json, package-lock.json, scripts) from {@code source} to {@code workDir} and runs
     * {@code npm ci} there unless {@code node_modules/<installedModule>} was installed from the same lock file.
     */
    public static NodeProject prepare(Path source, Path workDir, List<String> files, String installedModule)
            throws IOException, InterruptedException {
        Path node = onPath("node").orElseThrow(() -> new AssertionError("node is not on the PATH (apt-get install nodejs npm)"));
        Files.createDirectories(workDir);
        for (String name : files) Files.copy(source.resolve(name), workDir.resolve(name), StandardCopyOption.REPLACE_EXISTING);
        Path lock = workDir.resolve("package-lock.json");
        Path installed = workDir.resolve(INSTALLED_LOCK);
        boolean upToDate = Files.isDirectory(workDir.resolve("node_modules").resolve(installedModule))
                && Files.exists(installed) && Files.mismatch(lock, installed) == -1;
        if (!upToDate) {
            Path npm = onPath("npm").orElseThrow(() -> new AssertionError(
                    "npm is not on the PATH, and " + workDir + "/node_modules needs installing (apt-get install npm)"));
            System.out.println("[npm] npm ci in " + workDir);
            int rc = run(List.of(npm.toString(), "ci", "--prefer-offline", "--no-audit", "--no-fund"), workDir, Map.of(), "[npm] ",
                    NPM_TIMEOUT_SECONDS);
            if (rc != 0) throw new AssertionError("npm ci failed with exit code " + rc + " in " + workDir);
            Files.copy(lock, installed, StandardCopyOption.REPLACE_EXISTING);
        }
        return new NodeProject(node, workDir);
    }

    public Path workDir() {
        return workDir;
    }

    /** Runs {@code node <args…>} in the work directory, streaming its output with {@code prefix}; returns the exit code. */
    public int node(List<String> args, Map<String, String> env, String prefix, long timeoutSeconds) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(node.toString());
        command.addAll(args);
        return run(command, workDir, env, prefix, timeoutSeconds);
    }

    private static int run(List<String> command, Path dir, Map<String, String> env, String prefix, long timeoutSeconds)
            throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true);
        pb.environment().putAll(env);
        pb.environment().put("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1"); // playwright-core must never fetch a browser
        Process process = pb.start();
        Thread pump = Thread.ofPlatform().daemon().start(() -> {
            try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = out.readLine()) != null; ) System.out.println(prefix + line);
            } catch (IOException ignored) {
                // the process ended
            }
        });
        if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
            throw new AssertionError(String.join(" ", command) + " did not finish within " + timeoutSeconds + " s");
        }
        pump.join(5_000);
        return process.exitValue();
    }
}
