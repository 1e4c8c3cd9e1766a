package dev.engram.gateway.health;

import org.eclipse.microprofile.health.HealthCheckResponse;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;

/** Readiness goes DOWN when a dependency is down, slow or throwing, within the timeout, and probes run once per cache period. */
class CachedProbesTest {

    private final AtomicLong now = new AtomicLong();

    @Test
    void aDownThrowingOrSilentDependencyMakesReadinessDownWithinTheTimeout() {
        CountDownLatch never = new CountDownLatch(1);
        Map<String, Supplier<Optional<String>>> probes = new LinkedHashMap<>();
        probes.put("index", Optional::empty);
        probes.put("ingest-queue", () -> Optional.of("the ingest journal is closed"));
        probes.put("qdrant", () -> {
            throw new IllegalStateException("connection refused to secret-host:6334");
        });
        probes.put("kafka", () -> {
            try {
                never.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return Optional.empty();
        });
        try (CachedProbes cached = new CachedProbes(probes, Duration.ofMillis(300), Duration.ofSeconds(5), now::get)) {
            long start = System.nanoTime();
            Map<String, Optional<String>> results = cached.results();
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));

            assertThat(results.get("index")).isEmpty();
            assertThat(results.get("ingest-queue")).contains("the ingest journal is closed");
            assertThat(results.get("qdrant")).contains("failed: IllegalStateException");
            assertThat(results.get("kafka")).contains("no answer within 300 ms");
            HealthCheckResponse response = DependenciesReadinessCheck.response(results);
            assertThat(response.getStatus()).isEqualTo(HealthCheckResponse.Status.DOWN);
            assertThat(response.getData().orElseThrow()).containsEntry("index", "UP")
                    .containsEntry("ingest-queue", "the ingest journal is closed");
        } finally {
            never.countDown();
        }
    }

    @Test
    void allUpIsUpAndProbesRunOncePerCachePeriod() {
        AtomicInteger calls = new AtomicInteger();
        AtomicInteger failing = new AtomicInteger();
        Map<String, Supplier<Optional<String>>> probes = Map.of("index", () -> {
            calls.incrementAndGet();
            return failing.get() > 0 ? Optional.of("down") : Optional.empty();
        });
        try (CachedProbes cached = new CachedProbes(probes, Duration.ofSeconds(1), Duration.ofSeconds(5), now::get)) {
            assertThat(DependenciesReadinessCheck.response(cached.results()).getStatus()).isEqualTo(HealthCheckResponse.Status.UP);
            failing.set(1);
            now.addAndGet(Duration.ofSeconds(4).toNanos());
            assertThat(cached.results().get("index")).as("cached").isEmpty();
            assertThat(calls).hasValue(1);

            now.addAndGet(Duration.ofSeconds(2).toNanos());
            assertThat(cached.results().get("index")).contains("down");
            assertThat(calls).hasValue(2);
        }
    }
}
