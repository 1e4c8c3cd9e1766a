package dev.engram.gateway.health;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * Named dependency probes for readiness, each bounded by a timeout and their results cached, so that a readiness call
 * never waits longer than the timeout and a probe runs at most once per cache period however often Kubernetes (or the
 * launcher) asks. A probe answers empty when its dependency is usable, else why not; a probe that throws or does not
 * answer within the timeout counts as down. One result stands for the whole period, so readiness cannot flap faster.
 */
public final class CachedProbes implements AutoCloseable {

    private final Map<String, Supplier<Optional<String>>> probes;
    private final Duration timeout;
    private final Duration cacheFor;
    private final LongSupplier nanoClock;
    private final ExecutorService runner = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "engram-readiness-probe");
        t.setDaemon(true);
        return t;
    });
    private Map<String, Optional<String>> last;
    private long lastAt;
    /** A probe still running after its timeout: not started again until it returns. */
    private final Map<String, Future<Optional<String>>> stuck = new LinkedHashMap<>();

    public CachedProbes(Map<String, Supplier<Optional<String>>> probes, Duration timeout, Duration cacheFor, LongSupplier nanoClock) {
        this.probes = new LinkedHashMap<>(probes);
        this.timeout = Objects.requireNonNull(timeout, "timeout");
        this.cacheFor = Objects.requireNonNull(cacheFor, "cacheFor");
        this.nanoClock = Objects.requireNonNull(nanoClock, "nanoClock");
    }

    /** Each probe's result by name: empty when up, else the reason it is down. */
    public synchronized Map<String, Optional<String>> results() {
        long now = nanoClock.getAsLong();
        if (last != null && now - lastAt < cacheFor.toNanos()) return last;
        Map<String, Future<Optional<String>>> running = new LinkedHashMap<>();
        for (var probe : probes.entrySet()) {
            Future<Optional<String>> previous = stuck.get(probe.getKey());
            running.put(probe.getKey(), previous != null && !previous.isDone() ? previous : runner.submit(probe.getValue()::get));
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        Map<String, Optional<String>> results = new LinkedHashMap<>();
        for (var r : running.entrySet()) {
            results.put(r.getKey(), await(r.getKey(), r.getValue(), deadline));
        }
        last = Map.copyOf(results);
        lastAt = now;
        return last;
    }

    private Optional<String> await(String name, Future<Optional<String>> future, long deadline) {
        try {
            Optional<String> result = future.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            stuck.remove(name);
            return result == null ? Optional.empty() : result;
        } catch (TimeoutException e) {
            stuck.put(name, future);
            return Optional.of("no answer within " + timeout.toMillis() + " ms");
        } catch (ExecutionException e) {
            stuck.remove(name);
            return Optional.of("failed: " + e.getCause().getClass().getSimpleName()); // no message: health is unauthenticated
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.of("interrupted");
        }
    }

    @Override
    public void close() {
        runner.shutdownNow();
    }
}
