package dev.engram.core.usage;

import dev.engram.core.domain.Tenant;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

class BufferedUsageSinkTest {

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

    @Test
    void deliversEverythingEmittedWhenTheTransportKeepsUp() {
        List<UsageEvent> delivered = new CopyOnWriteArrayList<>();
        var sink = new BufferedUsageSink(100, delivered::addAll, registry);
        for (int i = 0; i < 50; i++) sink.emit(event(i));
        sink.close(Duration.ofSeconds(5));
        assertThat(delivered).extracting(UsageEvent::latencyMs).containsExactlyElementsOf(
                java.util.stream.LongStream.range(0, 50).boxed().toList());
        assertThat(registry.counter("engram.usage.sent").count()).isEqualTo(50);
        assertThat(registry.counter("engram.usage.dropped").count()).isZero();
    }

    @Test
    void aBlockedTransportNeverBlocksTheCallerAndTheOverflowIsDroppedAndCounted() throws InterruptedException {
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch inTransport = new CountDownLatch(1);
        List<UsageEvent> delivered = new CopyOnWriteArrayList<>();
        var sink = new BufferedUsageSink(3, batch -> {
            inTransport.countDown();
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            delivered.addAll(batch);
        }, registry);
        sink.emit(event(0));
        assertThat(inTransport.await(5, TimeUnit.SECONDS)).isTrue(); // event 0 is held by the blocked transport
        long start = System.nanoTime();
        for (int i = 1; i <= 10; i++) sink.emit(event(i));   // 3 fit in the buffer, 7 are dropped
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(1));
        assertThat(registry.counter("engram.usage.dropped").count()).isEqualTo(7);
        release.countDown();
        sink.close(Duration.ofSeconds(5));
        assertThat(delivered).extracting(UsageEvent::latencyMs).containsExactly(0L, 1L, 2L, 3L);
    }

    @Test
    void aFailingTransportCountsTheBatchAndKeepsGoing() {
        List<UsageEvent> delivered = new CopyOnWriteArrayList<>();
        var sink = new BufferedUsageSink(10, batch -> {
            if (batch.getFirst().latencyMs() == 0) throw new IllegalStateException("broker down");
            delivered.addAll(batch);
        }, registry);
        sink.emit(event(0));
        waitUntil(() -> registry.counter("engram.usage.failed").count() == 1);
        sink.emit(event(1));
        sink.close(Duration.ofSeconds(5));
        assertThat(delivered).extracting(UsageEvent::latencyMs).containsExactly(1L);
    }

    private static void waitUntil(java.util.function.BooleanSupplier condition) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) throw new AssertionError("condition not met in 5 s");
            Thread.onSpinWait();
        }
    }

    private static UsageEvent event(long latency) {
        return UsageEvent.request(Tenant.of("o", "p"), Instant.EPOCH, UsageEvent.Operation.OTHER, "GET /v1/ping/", 200, latency, null, 0, 0);
    }
}
