package dev.engram.bench.http;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Stopping a platform the harness started, whatever it left running, and reading its processes' command lines. */
final class ProcessTree {

    private ProcessTree() {
    }

    /**
     * Sends SIGTERM to {@code launcher} (which stops its own children), waits up to {@code graceSeconds}, then kills
     * whatever of its process tree is still alive, and removes {@code hook} (the shutdown hook that would do the same)
     * unless this is that hook running.
     */
    static void stop(Process launcher, Thread hook, long graceSeconds) {
        List<ProcessHandle> tree = new ArrayList<>(launcher.descendants().toList());
        launcher.destroy();
        try {
            if (!launcher.waitFor(graceSeconds, TimeUnit.SECONDS)) launcher.destroyForcibly();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        for (ProcessHandle p : tree) {
            if (p.isAlive()) p.destroyForcibly();
        }
        for (ProcessHandle p : tree) p.onExit().orTimeout(10, TimeUnit.SECONDS).exceptionally(t -> p).join();
        if (hook != null && Thread.currentThread() != hook) {
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // the JVM is exiting: the hook runs or has run
            }
        }
    }

    /** The command line of process {@code pid} from {@code /proc}, arguments joined by spaces; empty when it is gone. */
    static String commandLine(long pid) {
        try {
            return new String(Files.readAllBytes(Path.of("/proc", Long.toString(pid), "cmdline")), StandardCharsets.UTF_8).replace('\0', ' ');
        } catch (IOException e) {
            return "";
        }
    }
}
