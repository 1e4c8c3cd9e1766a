package dev.engram.bench.search;

import java.util.Arrays;
import java.util.List;

/**
 * Exact latency percentiles (nearest rank) and throughput of one benchmark scenario, from every sample. A benchmark
 * keeps at most a few million samples, so sorting them is cheaper and more precise than a histogram. Recording is
 * thread-safe (several client threads may share one), and the sample array grows past its initial capacity.
 */
public final class LatencyStats {

    private long[] nanos;
    private int count;
    private long wallNanos;

    public LatencyStats(int initialCapacity) {
        this.nanos = new long[Math.max(1, initialCapacity)];
    }

    /** Every sample of {@code parts} in one (e.g. the minutes of a soak's first five). */
    public static LatencyStats merged(List<LatencyStats> parts) {
        var all = new LatencyStats(parts.stream().mapToInt(LatencyStats::count).sum());
        for (LatencyStats p : parts) {
            synchronized (p) {
                for (int i = 0; i < p.count; i++) all.record(p.nanos[i]);
            }
        }
        return all;
    }

    public synchronized void record(long elapsedNanos) {
        if (count == nanos.length) nanos = Arrays.copyOf(nanos, nanos.length * 2);
        nanos[count++] = elapsedNanos;
    }

    /** The wall-clock time of the whole scenario, for throughput (differs from the sum of samples with several threads). */
    public synchronized void wallTime(long elapsedNanos) {
        this.wallNanos = elapsedNanos;
    }

    /** For interleaved scenarios, where no wall time belongs to one scenario: throughput = samples / their sum. */
    public synchronized void useSampleTimeForThroughput() {
        long sum = 0;
        for (int i = 0; i < count; i++) sum += nanos[i];
        this.wallNanos = sum;
    }

    public synchronized int count() {
        return count;
    }

    /** The p-th percentile (0 < p <= 100) in milliseconds, nearest rank; NaN without samples. */
    public synchronized double percentileMs(double p) {
        if (count == 0) return Double.NaN;
        long[] sorted = Arrays.copyOf(nanos, count);
        Arrays.sort(sorted);
        int rank = (int) Math.ceil(p / 100.0 * count);
        return sorted[Math.max(0, Math.min(count, rank) - 1)] / 1e6;
    }

    public synchronized double meanMs() {
        if (count == 0) return Double.NaN;
        long sum = 0;
        for (int i = 0; i < count; i++) sum += nanos[i];
        return sum / 1e6 / count;
    }

    /** Operations per second over the wall time. */
    public synchronized double throughput() {
        return wallNanos == 0 ? Double.NaN : count / (wallNanos / 1e9);
    }
}
