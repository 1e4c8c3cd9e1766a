package dev.engram.gateway.standalone;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The standalone platform as a user starts it: {@code ./engram up --port P --data-dir D} from the repository root, a
 * real process (the launcher {@code exec}s the JVM, so the process is the server itself and SIGTERM reaches Quarkus).
 * The launcher reuses the jar the {@code package} phase just built; its output goes to
 * {@code target/standalone-logs/engram-up-PORT.log}, and its last lines are shown when something goes wrong.
 */
public final class StandaloneServer implements AutoCloseable {

    private static final Duration READY_TIMEOUT = Duration.ofSeconds(240); // about 20 s on a quiet machine; a machine shared with other builds took over 90
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);

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
        int port = freePort();
        Path logs = Path.of(System.getProperty("basedir", "")).toAbsolutePath().resolve("target/standalone-logs");
        Files.createDirectories(logs);
        Path log = logs.resolve("engram-up-" + port + ".log");
        ProcessBuilder pb = new ProcessBuilder(List.of(
                repositoryRoot().resolve("engram").toString(), "up", "--port", Integer.toString(port),
                "--console-port", Integer.toString(freePort()), "--management-port", Integer.toString(dev.engram.testing.process.FreePorts.findPair()),
                "--data-dir", dataDir.toString()))
                .directory(repositoryRoot().toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        Map<String, String> env = pb.environment();
        env.put("JAVA_HOME", System.getProperty("java.home"));
        env.remove("ENGRAM_HTTP_PORT");
        env.remove("ENGRAM_DATA_DIR");
        // The Mem0 scenario's webhook receiver listens on loopback, which the SSRF rule refuses by default; a short backoff
        // keeps its retry quick.
        env.put("ENGRAM_WEBHOOKS_ALLOW_PRIVATE_TARGETS", "true");
        env.put("ENGRAM_WEBHOOKS_INITIAL_BACKOFF", "500ms");
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

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        }
    }

    /** The repository root: the parent of the module directory the tests run in. */
    static Path repositoryRoot() {
        Path module = Path.of(System.getProperty("basedir", "")).toAbsolutePath();
        Path root = module.getParent();
        if (root == null || !Files.isExecutable(root.resolve("engram"))) {
            throw new IllegalStateException("cannot find the ./engram launcher above " + module);
        }
        return root;
    }
}
