package dev.engram.testing.stack;

import dev.engram.testing.process.FreePorts;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;

/** Waiting for the processes of a {@link LocalStack} to serve: failing fast, with their log, when one exits instead. */
final class Readiness {

    private static final long POLL_MILLIS = 250;

    private Readiness() {
    }

    /** Waits until every process answers 200 on {@code <its url>/q/health/ready}, all within one {@code timeout}. */
    static void awaitHealthy(List<ManagedProcess> processes, List<String> baseUrls, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        for (int i = 0; i < processes.size(); i++) {
            awaitHttpOk(processes.get(i), baseUrls.get(i) + "/q/health/ready", deadline, timeout);
        }
    }

    /** Polls {@code url} until it answers 200. */
    static void awaitHttpOk(ManagedProcess process, String url, Duration timeout) {
        awaitHttpOk(process, url, System.nanoTime() + timeout.toNanos(), timeout);
    }

    /** Waits until something accepts connections on 127.0.0.1:{@code port}. */
    static void awaitListening(ManagedProcess process, int port, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!FreePorts.isListening(port)) {
            checkRunning(process, deadline, timeout, "listen on " + port);
            sleep();
        }
    }

    private static void awaitHttpOk(ManagedProcess process, String url, long deadline, Duration timeout) {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        HttpRequest request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(5)).build();
        while (true) {
            try {
                if (http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) return;
            } catch (IOException notServingYet) {
                // keep polling
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for " + process.name(), e);
            }
            checkRunning(process, deadline, timeout, "answer " + url + " with 200");
            sleep();
        }
    }

    private static void checkRunning(ManagedProcess process, long deadline, Duration timeout, String what) {
        if (!process.isAlive()) {
            throw new IllegalStateException(process.name() + " exited with " + process.exitCode() + " before it was ready"
                    + System.lineSeparator() + process.logTail(60));
        }
        if (System.nanoTime() > deadline) {
            throw new IllegalStateException(process.name() + " did not " + what + " within " + timeout.toSeconds() + " s"
                    + System.lineSeparator() + process.logTail(60));
        }
    }

    private static void sleep() {
        try {
            Thread.sleep(POLL_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for a process to serve", e);
        }
    }
}
