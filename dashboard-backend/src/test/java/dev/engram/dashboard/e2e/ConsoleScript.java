package dev.engram.dashboard.e2e;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * {@code src/test/node/console-e2e.mjs}: playwright-core driving Debian's Chromium, and the mem0ai client. The node
 * project is copied to {@code target/console-e2e} and installed there with {@code npm ci} (pinned by its package-lock)
 * once; later runs reuse {@code node_modules} while the lock file is unchanged. No browser is downloaded:
 * playwright-core has none, and the script launches {@code /usr/bin/chromium}.
 */
final class ConsoleScript {

    private static final List<String> PROJECT_FILES = List.of("package.json", "package-lock.json", ".npmrc", "console-e2e.mjs");
    private static final String INSTALLED_LOCK = ".installed-package-lock.json";

    private final Path node;
    private final Path workDir;

    private ConsoleScript(Path node, Path workDir) {
        this.node = node;
        this.workDir = workDir;
    }

    static ConsoleScript prepare(Path module) throws IOException, InterruptedException {
        Path node = onPath("node").orElseThrow(() -> new AssertionError("node is not on the PATH (apt-get install nodejs npm)"));
        Path source = module.resolve("src/test/node");
        Path workDir = module.resolve("target/console-e2e");
        Files.createDirectories(workDir);
        for (String name : PROJECT_FILES) {
            Files.copy(source.resolve(name), workDir.resolve(name), StandardCopyOption.REPLACE_EXISTING);
        }
        Path lock = workDir.resolve("package-lock.json");
        Path installed = workDir.resolve(INSTALLED_LOCK);
        boolean upToDate = Files.isDirectory(workDir.resolve("node_modules/playwright-core"))
                && Files.exists(installed) && Files.mismatch(lock, installed) == -1;
        if (!upToDate) {
            Path npm = onPath("npm").orElseThrow(() -> new AssertionError("npm is not on the PATH (apt-get install npm)"));
            int rc = run(List.of(npm.toString(), "ci", "--prefer-offline", "--no-audit", "--no-fund"), workDir, Map.of(), "[npm] ", 300);
            if (rc != 0) throw new AssertionError("npm ci failed with exit code " + rc + " in " + workDir);
            Files.copy(lock, installed, StandardCopyOption.REPLACE_EXISTING);
        }
        return new ConsoleScript(node, workDir);
    }

    /** Runs the scenario, streaming its output prefixed with [console-e2e], and returns its exit code. */
    int run(Map<String, String> env) throws IOException, InterruptedException {
        return run(List.of(node.toString(), "console-e2e.mjs"), workDir, env, "[console-e2e] ", 150);
    }

    private static int run(List<String> command, Path dir, Map<String, String> env, String prefix, long timeoutSeconds)
            throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true);
        pb.environment().putAll(env);
        // playwright-core must never fetch a browser
        pb.environment().put("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1");
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
