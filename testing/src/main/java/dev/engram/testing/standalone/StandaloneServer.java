package dev.engram.testing.standalone;

import dev.engram.testing.process.FreePorts;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The standalone platform as a real process on a fresh data directory, in one of two shapes:
 * <ul>
 *   <li>{@link #start}: as a user starts it, {@code ./engram up --port P --data-dir D} from the repository root (the
 *       gateway and the web console; SIGTERM to the launcher stops both JVMs gracefully). The launcher reuses the jars the
 *       {@code package} phase just built.</li>
 *   <li>{@link #startGateway}: only the API, {@code java -jar api-gateway/target/quarkus-app/quarkus-run.jar} with the
 *       environment {@code ./engram up} gives it, for the client modules' tests, which need no console. It never builds:
 *       a missing jar fails with the command that builds it.</li>
 * </ul>
 * Output goes to {@code <module>/target/standalone-logs/engram-up-PORT.log}; its last lines are shown when something goes
 * wrong. Used by the api-gateway's process tests and by {@code clients/*}.
 */
public final class StandaloneServer implements AutoCloseable {

    private static final Duration READY_TIMEOUT = Duration.ofSeconds(240); // about 20 s on a quiet machine; a machine shared with other builds took over 90
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);
    /** The gateway's runnable jar, relative to the repository root (what {@code ./engram up} runs). */
    public static final String GATEWAY_JAR = "api-gateway/target/quarkus-app/quarkus-run.jar";

    private final Process process;
    private final int port;
    private final Path dataDir;
    private final Path log;

    private StandaloneServer(Process process, int port, Path dataDir, Path log) {
        this.process = process;
        this.port = port;
        this.dataDir = dataDir;
        this.log = log;
    }

    /**
     * Starts the platform on a free port and waits until {@code /q/health/ready} answers 200.
     *
     * @param bootstrapApiKey the admin key to give it, or null to let it generate one into the data directory
     */
    public static StandaloneServer start(Path dataDir, String bootstrapApiKey) throws IOException, InterruptedException {
        int port = FreePorts.find();
        Path root = repositoryRoot();
        ProcessBuilder pb = new ProcessBuilder(List.of(
                root.resolve("engram").toString(), "up", "--port", Integer.toString(port),
                "--console-port", Integer.toString(FreePorts.find()), "--management-port", Integer.toString(FreePorts.findPair()),
                "--data-dir", dataDir.toString()));
        Map<String, String> env = pb.environment();
        env.put("JAVA_HOME", System.getProperty("java.home"));
        env.remove("ENGRAM_HTTP_PORT");
        env.remove("ENGRAM_DATA_DIR");
        return launch(pb, root, port, dataDir, bootstrapApiKey);
    }

    /**
     * Starts only the gateway (the Mem0-compatible API) from {@code api-gateway/target/quarkus-app/quarkus-run.jar} on a
     * free port, with the JVM options and environment {@code ./engram up} gives it, and waits until
     * {@code /q/health/ready} answers 200. It does not build anything.
     *
     * @param bootstrapApiKey the admin key to give it, or null to let it generate one into the data directory
     * @throws AssertionError when the jar is missing (the message says how to build it) or the server does not get ready
     */
    public static StandaloneServer startGateway(Path dataDir, String bootstrapApiKey) throws IOException, InterruptedException {
        Path root = repositoryRoot();
        Path jar = root.resolve(GATEWAY_JAR);
        if (!Files.isRegularFile(jar)) {
            throw new AssertionError("the gateway's runnable jar " + jar + " is missing: these tests run the real server. Build it"
                    + " first (./engram mvn -q -pl api-gateway -am -DskipTests package), or run the reactor's verify, which packages"
                    + " the gateway before this module.");
        }
        int port = FreePorts.find();
        Files.createDirectories(dataDir);
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--add-modules", "jdk.incubator.vector", "--enable-native-access=ALL-UNNAMED", "-Xmx1g",
                "-Dquarkus.http.port=" + port, "-jar", jar.toString()));
        ProcessBuilder pb = new ProcessBuilder(command);
        Map<String, String> env = pb.environment();
        env.put("ENGRAM_HTTP_PORT", Integer.toString(port));
        env.put("ENGRAM_MANAGEMENT_PORT", Integer.toString(FreePorts.find()));
        env.put("ENGRAM_DATA_DIR", dataDir.toAbsolutePath().toString());
        env.remove("ENGRAM_USAGE_HTTP_URL");
        return launch(pb, root, port, dataDir, bootstrapApiKey);
    }

    private static StandaloneServer launch(ProcessBuilder pb, Path root, int port, Path dataDir, String bootstrapApiKey)
            throws IOException, InterruptedException {
        Path logs = moduleDirectory().resolve("target/standalone-logs");
        Files.createDirectories(logs);
        Path log = logs.resolve("engram-up-" + port + ".log");
        pb.directory(root.toFile()).redirectErrorStream(true).redirectOutput(log.toFile());
        Map<String, String> env = pb.environment();
        // The Mem0 scenario's webhook receiver listens on loopback, which the SSRF rule refuses by default; a short backoff
        // keeps its retry quick.
        env.put("ENGRAM_WEBHOOKS_ALLOW_PRIVATE_TARGETS", "true");
        env.put("ENGRAM_WEBHOOKS_INITIAL_BACKOFF", "500ms");
        // Its documents step serves a Markdown file from loopback too, refused by default for the same reason.
        env.put("ENGRAM_DOCUMENTS_ALLOW_PRIVATE_URLS", "true");
        if (bootstrapApiKey == null) env.remove("ENGRAM_BOOTSTRAP_API_KEY");
        else env.put("ENGRAM_BOOTSTRAP_API_KEY", bootstrapApiKey);
        StandaloneServer server = new StandaloneServer(pb.start(), port, dataDir, log);
        try {
            server.awaitReady();
        } catch (AssertionError | IOException | InterruptedException | RuntimeException e) {
            server.close();
            throw e;
        }
        return server;
    }

    /** The base URL the client uses: no trailing slash (the Mem0 SDK would produce {@code //v1/...}). */
    public String url() {
        return "http://127.0.0.1:" + port;
    }

    public Path dataDir() {
        return dataDir;
    }

    /** The admin key the platform generated at its first start ({@code <data-dir>/admin-api-key}). */
    public String generatedAdminKey() throws IOException {
        Path file = dataDir.resolve("admin-api-key");
        if (!Files.isRegularFile(file)) throw new AssertionError("the platform did not write " + file + "\n" + logTail());
        String key = Files.readString(file, StandardCharsets.UTF_8).strip();
        if (key.isEmpty()) throw new AssertionError(file + " is empty");
        return key;
    }

    /**
     * Stops the server as a service manager or Ctrl-C would (SIGTERM, then a graceful Quarkus shutdown) and returns its
     * exit code; fails when it does not stop in time.
     */
    public int stop() throws InterruptedException {
        if (!process.isAlive()) return process.exitValue();
        process.destroy(); // SIGTERM on Unix
        if (!process.waitFor(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("the server did not stop within " + STOP_TIMEOUT.toSeconds() + " s of SIGTERM\n" + logTail());
        }
        return process.exitValue();
    }

    /** The server's output so far. */
    public String log() {
        try {
            return Files.readString(log, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    /** The last lines of the server's output, for failure messages. */
    public String logTail() {
        List<String> lines = log().lines().toList();
        return "---- last lines of " + log + " ----\n" + String.join("\n", lines.subList(Math.max(0, lines.size() - 60), lines.size()));
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            process.destroy();
            try {
                if (!process.waitFor(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) process.destroyForcibly();
            } catch (InterruptedException e) {
                process.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
    }

    private void awaitReady() throws IOException, InterruptedException {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        HttpRequest ready = HttpRequest.newBuilder(URI.create(url() + "/q/health/ready")).timeout(Duration.ofSeconds(5)).build();
        long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new AssertionError("./engram up exited with " + process.exitValue() + " before it was ready\n" + logTail());
            }
            try {
                if (http.send(ready, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) return;
            } catch (IOException notListeningYet) {
                // keep polling
            }
            Thread.sleep(200);
        }
        throw new AssertionError("the server was not ready within " + READY_TIMEOUT.toSeconds() + " s\n" + logTail());
    }

    /** The module directory the tests run in (Maven's {@code basedir}, else the working directory). */
    private static Path moduleDirectory() {
        return Path.of(System.getProperty("basedir", "")).toAbsolutePath();
    }

    /** The repository root: the nearest directory at or above the module that holds the {@code ./engram} launcher. */
    public static Path repositoryRoot() {
        Path module = moduleDirectory();
        for (Path dir = module; dir != null; dir = dir.getParent()) {
            if (Files.isExecutable(dir.resolve("engram")) && Files.isDirectory(dir.resolve("api-gateway"))) return dir;
        }
        throw new IllegalStateException("cannot find the ./engram launcher at or above " + module);
    }
}
