package dev.engram.bench.http;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The standalone platform started exactly as a user starts it: {@code ./engram up --no-build} with free ports and a
 * given data directory (the launcher's JVM options, its gateway and console, its lock), its output in a log file. It
 * is stopped like Ctrl-C stops it (SIGTERM to the launcher, which stops both JVMs), then anything still alive in the
 * process tree is killed; a shutdown hook does the same when the benchmark is interrupted or fails, so nothing is left
 * running.
 */
public final class StandalonePlatform implements AutoCloseable {

    private static final Duration START_LIMIT = Duration.ofSeconds(240);

    /** The ports of one platform: API, console, and the management (metrics) port of the gateway (the console's is +1). */
    public record Ports(int api, int console, int management) {

        /** Four ports free right now on 127.0.0.1, the management pair adjacent. */
        public static Ports free() {
            int api = freePort(), console = freePort();
            for (int attempt = 0; attempt < 50; attempt++) {
                int m = freePort();
                if (m != api && m != console && m + 1 != api && m + 1 != console && isFree(m + 1)) return new Ports(api, console, m);
            }
            throw new IllegalStateException("no two adjacent free ports found for the management interfaces");
        }
    }

    /** A JVM of the platform and what it is (gateway or console). */
    public record Server(String name, long pid) {

        /** Resident memory from {@code /proc/<pid>/status} (VmRSS), in bytes; -1 when the process is gone. */
        public long rssBytes() {
            return StandalonePlatform.rssBytes(pid);
        }
    }

    private final Path root;
    private final Path dataDir;
    private final Ports ports;
    private final Path log;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private Process launcher;
    private Thread hook;

    /**
     * @param root    the project directory holding the {@code engram} launcher (its jars already built)
     * @param dataDir the platform's data directory
     * @param log     where the launcher's and the JVMs' output goes (appended)
     */
    public StandalonePlatform(Path root, Path dataDir, Ports ports, Path log) {
        this.root = root.toAbsolutePath();
        this.dataDir = dataDir.toAbsolutePath();
        this.ports = ports;
        this.log = log.toAbsolutePath();
    }

    public URI api() {
        return URI.create("http://127.0.0.1:" + ports.api());
    }

    public URI metrics() {
        return URI.create("http://127.0.0.1:" + ports.management() + "/q/metrics");
    }

    public Path dataDir() {
        return dataDir;
    }

    public HttpClient http() {
        return http;
    }

    /** Starts the platform and returns once the gateway answers its readiness check, without waiting for the console. */
    public synchronized void launch() {
        if (launcher != null && launcher.isAlive()) throw new IllegalStateException("the platform is already running");
        try {
            Files.createDirectories(log.getParent());
            var pb = new ProcessBuilder(root.resolve("engram").toString(), "up", "--no-build",
                    "--port", Integer.toString(ports.api()), "--console-port", Integer.toString(ports.console()),
                    "--management-port", Integer.toString(ports.management()), "--data-dir", dataDir.toString())
                    .directory(root.toFile()).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
            // The gateway generates the admin key and writes it to the data directory, as for a new user.
            pb.environment().remove("ENGRAM_BOOTSTRAP_API_KEY");
            hook = new Thread(this::stop, "stop-engram-platform");
            Runtime.getRuntime().addShutdownHook(hook);
            launcher = pb.start();
        } catch (IOException e) {
            throw new UncheckedIOException("could not run " + root.resolve("engram"), e);
        }
    }

    /** Waits until {@code path} on {@code port} answers 200 while the launcher lives. */
    public void awaitReady(int port) {
        long deadline = System.nanoTime() + START_LIMIT.toNanos();
        URI url = URI.create("http://127.0.0.1:" + port + "/q/health/ready");
        while (Mem0Client.fetch(http, url) == null) {
            if (!launcher.isAlive()) {
                throw new IllegalStateException("the platform stopped while starting (exit " + launcher.exitValue() + "); see " + log);
            }
            if (System.nanoTime() > deadline) throw new IllegalStateException("the platform was not ready within " + START_LIMIT + "; see " + log);
            sleep(20);
        }
    }

    public void awaitGateway() {
        awaitReady(ports.api());
    }

    public void awaitConsole() {
        awaitReady(ports.console());
    }

    /** The admin key the gateway wrote at its first start, read the way its log tells a user to. */
    public String adminKey() {
        try {
            return Files.readString(dataDir.resolve("admin-api-key"), StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            throw new UncheckedIOException("the gateway wrote no admin key to " + dataDir.resolve("admin-api-key"), e);
        }
    }

    /** The platform's JVMs (the launcher's descendants running a Quarkus jar). */
    public List<Server> servers() {
        List<Server> out = new ArrayList<>();
        if (launcher == null) return out;
        launcher.descendants().forEach(p -> {
            String cmd = ProcessTree.commandLine(p.pid());
            if (!cmd.contains("quarkus-run.jar")) return;
            out.add(new Server(cmd.contains("dashboard-backend") ? "console" : "gateway", p.pid()));
        });
        return out;
    }

    public Optional<Server> server(String name) {
        return servers().stream().filter(s -> s.name().equals(name)).findFirst();
    }

    /** Each JVM's resident memory in bytes (gateway, console) and their {@code total}. */
    public Map<String, Long> rss() {
        Map<String, Long> out = new LinkedHashMap<>();
        long total = 0;
        for (Server server : servers()) {
            long b = server.rssBytes();
            out.put(server.name(), b);
            total += Math.max(0, b);
        }
        out.put("total", total);
        return out;
    }

    /** Stops the platform as Ctrl-C does, waits for it, then kills whatever of its process tree is still alive. */
    public synchronized void stop() {
        if (launcher == null) return;
        ProcessTree.stop(launcher, hook, 45); // SIGTERM: the launcher stops both JVMs (SIGKILL after 20 s) and removes its lock
        launcher = null;
        hook = null;
    }

    @Override
    public void close() {
        stop();
    }

    static long rssBytes(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
                if (line.startsWith("VmRSS:")) return parseKb(line) * 1024;
            }
        } catch (IOException | RuntimeException gone) {
            return -1;
        }
        return -1;
    }

    /** The number of a {@code /proc/<pid>/status} line such as {@code VmRSS:   123456 kB}. */
    static long parseKb(String statusLine) {
        return Long.parseLong(statusLine.replaceAll("[^0-9]", ""));
    }


    private static int freePort() {
        try (var s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static boolean isFree(int port) {
        try (var s = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the platform", e);
        }
    }
}
