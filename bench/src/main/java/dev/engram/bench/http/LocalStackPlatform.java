package dev.engram.bench.http;

import dev.engram.bench.BenchFiles;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The distributed platform on this machine, started as a user starts it: {@code ./engram stack} (Kafka, PostgreSQL, the
 * Qdrant emulator, one gateway and its ingest workers, each its own process) in a given work directory, with an admin
 * key chosen here, its output in a log file. Ready when it prints its summary; the gateway's API, metrics and the
 * emulator's address are read from that summary. Stopped with SIGTERM (its shutdown hook stops every part), then
 * anything still alive in its process tree is killed; a shutdown hook of this JVM does the same.
 */
final class LocalStackPlatform implements AutoCloseable {

    private static final Duration START_LIMIT = Duration.ofSeconds(600);
    private static final Pattern GATEWAY = Pattern.compile("(?m)^ {2}gateway +(\\S+)");
    private static final Pattern METRICS = Pattern.compile("(?m)^ {2}metrics +(\\S+)");
    private static final Pattern QDRANT = Pattern.compile("(?m)^ {2}qdrant +(\\S+):(\\d+)");
    private static final Pattern DATA = Pattern.compile("(?m)^ {2}data +postgres (\\S+) kafka (\\S+) apps (\\S+)");

    /** Where the stack serves and keeps its data, read from its summary. */
    record Endpoints(URI api, URI metrics, String qdrantHost, int qdrantPort, Path postgresData, Path kafkaData, Path appsData) {

        /** The endpoints in a summary printed by the stack, or null while it has not printed them all yet. */
        static Endpoints parse(String output) {
            if (!output.contains("local-stack: ready in")) return null;
            Matcher g = GATEWAY.matcher(output), m = METRICS.matcher(output), q = QDRANT.matcher(output), d = DATA.matcher(output);
            if (!g.find() || !m.find() || !q.find() || !d.find()) return null;
            return new Endpoints(URI.create(g.group(1)), URI.create(m.group(1)), q.group(1), Integer.parseInt(q.group(2)),
                    Path.of(d.group(1)), Path.of(d.group(2)), Path.of(d.group(3)));
        }
    }

    private final Path root;
    private final Path workDir;
    private final Path log;
    private final int workers;
    private final String adminKey = "bench-" + HexFormat.of().formatHex(new SecureRandom().generateSeed(16));
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private Process launcher;
    private Thread hook;
    private Endpoints endpoints;
    private long startedNanos;

    LocalStackPlatform(Path root, Path workDir, Path log, int workers) {
        this.root = root.toAbsolutePath();
        this.workDir = workDir.toAbsolutePath();
        this.log = log.toAbsolutePath();
        this.workers = workers;
    }

    /**
     * Starts the stack and waits for its summary. Answers the seconds from the stack's first line (after any build the
     * launcher script does of stale jars) to its readiness.
     */
    double start() {
        try {
            Files.createDirectories(log.getParent());
            var pb = new ProcessBuilder(root.resolve("engram").toString(), "stack", "--work-dir", workDir.toString(),
                    "--admin-key", adminKey, "--workers", Integer.toString(workers))
                    .directory(root.toFile()).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
            // stdin stays a pipe held open by this JVM: the stack reads commands from it and keeps running.
            hook = new Thread(this::stop, "stop-engram-stack");
            Runtime.getRuntime().addShutdownHook(hook);
            launcher = pb.start();
        } catch (IOException e) {
            throw new UncheckedIOException("could not run " + root.resolve("engram") + " stack", e);
        }
        long deadline = System.nanoTime() + START_LIMIT.toNanos();
        long firstLine = 0;
        while (true) {
            String output = readLog();
            if (firstLine == 0 && output.contains("local-stack: starting")) firstLine = System.nanoTime();
            endpoints = Endpoints.parse(output);
            if (endpoints != null) break;
            if (!launcher.isAlive()) throw new IllegalStateException("the stack stopped while starting (exit " + launcher.exitValue() + "); see " + log);
            if (System.nanoTime() > deadline) throw new IllegalStateException("the stack was not ready within " + START_LIMIT + "; see " + log);
            sleep(50);
        }
        startedNanos = System.nanoTime();
        return (startedNanos - (firstLine == 0 ? startedNanos : firstLine)) / 1e9;
    }

    URI api() {
        return endpoints.api();
    }

    URI metrics() {
        return endpoints.metrics();
    }

    String qdrantHost() {
        return endpoints.qdrantHost();
    }

    int qdrantPort() {
        return endpoints.qdrantPort();
    }

    String adminKey() {
        return adminKey;
    }

    HttpClient http() {
        return http;
    }

    /**
     * Bytes on disk by part: PostgreSQL's cluster ({@code postgres}, the system of record), Kafka's log ({@code kafka}),
     * and each app's data directory under the work directory ({@code qdrant} is the emulator's, {@code gateway} and
     * {@code worker-N} the apps' own).
     */
    Map<String, Long> sizes() {
        Map<String, Long> out = new TreeMap<>(BenchFiles.sizesByEntry(endpoints.appsData()));
        out.put("postgres", total(endpoints.postgresData()));
        out.put("kafka", total(endpoints.kafkaData()));
        return out;
    }

    private static long total(Path dir) {
        return BenchFiles.sizesByEntry(dir).values().stream().mapToLong(Long::longValue).sum();
    }

    /**
     * Resident memory (VmRSS) of the stack's processes by part: gateway, workers, kafka, qdrant (the emulator), postgres
     * (the server and its backends summed, so shared buffers count once per process), and their {@code total}.
     */
    Map<String, Long> rss() {
        Map<String, Long> out = new LinkedHashMap<>();
        if (launcher == null) return out;
        long total = 0;
        List<ProcessHandle> processes = new ArrayList<>(launcher.descendants().toList());
        // pg_ctl starts PostgreSQL as a daemon, outside the stack's process tree: found by its data directory.
        String postgresData = endpoints == null ? null : endpoints.postgresData().toString();
        if (postgresData != null) {
            ProcessHandle.allProcesses().filter(p -> ProcessTree.commandLine(p.pid()).contains(postgresData)).forEach(postmaster -> {
                processes.add(postmaster);
                processes.addAll(postmaster.descendants().toList());
            });
        }
        for (ProcessHandle p : processes) {
            String part = part(ProcessTree.commandLine(p.pid()));
            if (part == null) continue;
            long b = StandalonePlatform.rssBytes(p.pid());
            if (b < 0) continue;
            out.merge(part, b, Long::sum);
            total += b;
        }
        out.put("total", total);
        return out;
    }

    /** Which part of the stack a command line is, or null for the launcher's own processes (scripts, its JVM). */
    static String part(String commandLine) {
        if (commandLine.contains("api-gateway") && commandLine.contains("quarkus-run.jar")) return "gateway";
        if (commandLine.contains("ingest-worker") && commandLine.contains("quarkus-run.jar")) return "workers";
        if (commandLine.contains("KafkaBrokerMain") || commandLine.contains("kafka.Kafka")) return "kafka";
        if (commandLine.contains("QdrantEmulator")) return "qdrant";
        if (commandLine.startsWith("postgres") || commandLine.contains("/postgres ") || commandLine.contains("bin/postgres")) return "postgres";
        return null;
    }

    synchronized void stop() {
        if (launcher == null) return;
        ProcessTree.stop(launcher, hook, 90); // SIGTERM to the stack's JVM (the launcher script execs it): its hook stops every part
        launcher = null;
        hook = null;
    }

    @Override
    public void close() {
        stop();
    }

    private String readLog() {
        try {
            return Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "";
        } catch (IOException e) {
            return "";
        }
    }


    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the stack", e);
        }
    }
}
