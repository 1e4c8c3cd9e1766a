package dev.engram.core.usage;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A {@link UsageSink} that never blocks its caller: events go into a bounded buffer and one background thread hands them
 * to a {@link Transport} in batches. A full buffer drops the event and counts it ({@code engram.usage.dropped}); a
 * transport failure drops the batch and counts its events ({@code engram.usage.failed}). The transport may block (a
 * Kafka producer waiting for metadata) without slowing a request.
 */
public final class BufferedUsageSink implements UsageSink {

    /** Delivers a batch; may block and may throw (the batch is then counted as failed). */
    @FunctionalInterface
    public interface Transport extends AutoCloseable {
        void send(List<UsageEvent> batch);

        @Override
        default void close() {
        }
    }

    private static final Logger LOG = LoggerFactory.getLogger(BufferedUsageSink.class);
    private static final int MAX_BATCH = 500;

    private final BlockingQueue<UsageEvent> buffer;
    private final Transport transport;
    private final Counter dropped;
    private final Counter failed;
    private final Counter sent;
    private final Thread drainer;
    private volatile boolean closing;

    public BufferedUsageSink(int capacity, Transport transport, MeterRegistry registry) {
        if (capacity < 1) throw new IllegalArgumentException("capacity must be positive");
        this.buffer = new ArrayBlockingQueue<>(capacity);
        this.transport = Objects.requireNonNull(transport, "transport");
        this.dropped = Counter.builder("engram.usage.dropped").description("Usage events dropped because the buffer was full")
                .register(registry);
        this.failed = Counter.builder("engram.usage.failed").description("Usage events the transport failed to deliver")
                .register(registry);
        this.sent = Counter.builder("engram.usage.sent").description("Usage events handed to the transport").register(registry);
        Gauge.builder("engram.usage.buffered", buffer, BlockingQueue::size).description("Usage events waiting in the buffer")
                .register(registry);
        this.drainer = Thread.ofPlatform().name("engram-usage-sink").daemon().start(this::drain);
    }

    @Override
    public void emit(UsageEvent event) {
        if (event == null) return;
        if (closing || !buffer.offer(event)) dropped.increment();
    }

    private void drain() {
        List<UsageEvent> batch = new ArrayList<>(MAX_BATCH);
        while (!closing || !buffer.isEmpty()) {
            try {
                UsageEvent first = buffer.poll(200, TimeUnit.MILLISECONDS);
                if (first == null) continue;
                batch.add(first);
                buffer.drainTo(batch, MAX_BATCH - 1);
                deliver(batch);
            } catch (InterruptedException e) {
                return; // close() gave up waiting; what is left is dropped
            } finally {
                batch.clear();
            }
        }
    }

    private void deliver(List<UsageEvent> batch) {
        try {
            transport.send(List.copyOf(batch));
            sent.increment(batch.size());
        } catch (RuntimeException e) {
            failed.increment(batch.size());
            LOG.warn("Dropped {} usage events: {}", batch.size(), e.toString());
        }
    }

    /** Stops accepting events, delivers what is buffered (waiting at most {@code timeout}) and closes the transport. */
    public void close(Duration timeout) {
        closing = true;
        try {
            drainer.join(timeout);
            if (drainer.isAlive()) {
                drainer.interrupt();
                dropped.increment(buffer.size());
                buffer.clear();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            transport.close();
        } catch (Exception e) {
            LOG.warn("Closing the usage transport failed: {}", e.toString());
        }
    }

    @Override
    public void close() {
        close(Duration.ofSeconds(5));
    }
}
