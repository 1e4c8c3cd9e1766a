package dev.engram.bench.http;

import dev.engram.bench.search.LatencyStats;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongFunction;

/**
 * Runs operations 0..count-1 on {@code concurrency} client threads (closed loop: each thread sends its next request when
 * the previous one answered), recording the latency of each successful one and counting the others as errors.
 */
public final class LoadLoop {

    private LoadLoop() {
    }

    /** What one operation did: the reply (its status and time) and whether it counts as a success. */
    public record Outcome(Mem0Client.Reply reply, boolean ok) {

        public static Outcome of(Mem0Client.Reply reply) {
            return new Outcome(reply, reply.ok());
        }
    }

    /**
     * @param progress may be null
     * @return the wall-clock nanoseconds the whole loop took
     */
    public static long run(String name, long count, int concurrency, LongFunction<Outcome> operation, LatencyStats stats,
                           RequestErrors errors, Progress progress) {
        var next = new AtomicLong();
        var done = new AtomicLong();
        long start = System.nanoTime();
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < concurrency; t++) {
            threads.add(Thread.ofPlatform().name(name + "-" + t).start(() -> {
                for (long i = next.getAndIncrement(); i < count && !Thread.currentThread().isInterrupted(); i = next.getAndIncrement()) {
                    Outcome o = operation.apply(i);
                    if (o.ok()) {
                        if (stats != null) stats.record(o.reply().nanos());
                    } else {
                        errors.add(name, o.reply());
                    }
                    long d = done.incrementAndGet();
                    if (progress != null) progress.update(d);
                }
            }));
        }
        for (Thread t : threads) {
            try {
                t.join();
            } catch (InterruptedException e) {
                threads.forEach(Thread::interrupt);
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted", e);
            }
        }
        long wall = System.nanoTime() - start;
        if (progress != null) progress.finish(done.get());
        if (stats != null) stats.wallTime(wall);
        return wall;
    }
}
