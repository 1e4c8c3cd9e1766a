package dev.engram.testing.stack;

import dev.engram.testing.process.WorkDirectory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One process of a {@link LocalStack}: a command, its environment and its log file, which can be started again with the
 * same command after it stopped (a worker restart). Its standard input is a pipe this JVM holds, so a process that
 * watches its stdin (the Qdrant emulator) ends when this JVM does; its output is appended to the log file, so the log of
 * a restarted process continues the previous one.
 */
public final class ManagedProcess {

    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);

    private final String name;
    private final List<String> command;
    private final Map<String, String> environment;
    private final Path log;
    private final Path directory;
    private Process process;

    ManagedProcess(String name, List<String> command, Map<String, String> environment, Path directory, Path log) {
        this.name = name;
        this.command = List.copyOf(command);
        this.environment = Map.copyOf(environment);
        this.directory = directory;
        this.log = log;
    }

    /** Starts the process; fails if it is already running. */
    public synchronized void start() {
        if (process != null && process.isAlive()) {
            throw new IllegalStateException(name + " is already running (pid " + process.pid() + ")");
        }
        try {
            Files.createDirectories(log.getParent());
            Files.createDirectories(directory);
            ProcessBuilder builder = new ProcessBuilder(command)
                    .directory(directory.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
            builder.environment().putAll(environment);
            process = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + name + ": " + String.join(" ", command), e);
        }
    }

    /**
     * Sends {@code signal} and waits for the process to end: {@link Signal#KILL} ends it at once (SIGKILL on Linux), as a
     * crash or the OOM killer would; {@link Signal#TERM} asks for a graceful shutdown (SIGTERM) and falls back to SIGKILL
     * after 30 s. Does nothing if it is not running.
     */
    public synchronized void signal(Signal signal) {
        if (process == null || !process.isAlive()) {
            return;
        }
        if (signal == Signal.KILL) {
            process.destroyForcibly();
        } else {
            process.destroy();
        }
        try {
            if (!process.waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                process.waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    public synchronized boolean isAlive() {
        return process != null && process.isAlive();
    }

    /** The exit code of the last run, or -1 while it runs or before it started. */
    public synchronized int exitCode() {
        return process == null || process.isAlive() ? -1 : process.exitValue();
    }

    /** The process id of the current (or last) run, or -1 before the first start. */
    public synchronized long pid() {
        return process == null ? -1 : process.pid();
    }

    /** Waits for the current run to end; false if it still runs after {@code timeout}. */
    public boolean awaitExit(Duration timeout) throws InterruptedException {
        Process p;
        synchronized (this) {
            p = process;
        }
        return p == null || p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    public String name() {
        return name;
    }

    public Path log() {
        return log;
    }

    /** The last lines of the log, for failure messages. */
    public String logTail(int lines) {
        return "---- last lines of " + log + " ----" + System.lineSeparator() + WorkDirectory.tail(log, lines);
    }

    /** The signals a test may send to a process. */
    public enum Signal {
        /** SIGTERM: a graceful shutdown, as Kubernetes does before it removes a pod. */
        TERM,
        /** SIGKILL: the process ends at once, nothing runs (a crash, the OOM killer, a lost node). */
        KILL
    }
}
