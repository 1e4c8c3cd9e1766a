package dev.engram.bench.search;

import java.util.Arrays;

/**
 * Exact latency percentiles (nearest rank) and throughput of one benchmark scenario, from every sample. A benchmark
 * keeps at most a few hundred thousand samples, so sorting them is cheaper and more precise than a histogram.
 */
public final class LatencyStats {

    private final long[] nanos;
    private int count;
    private long wallNanos;

    public LatencyStats(int capacity) {
        this.nanos = new long[capacity];
    }

    public void record(long elapsedNanos) {
        nanos[count++] = elapsedNanos;
    }

    /** The wall-clock time of the whole scenario, for throughput (differs from the sum of samples with several threads). */
    public void wallTime(long elapsedNanos) {
        this.wallNanos = elapsedNanos;
    }

    /** For interleaved scenarios, where no wall time belongs to one scenario: throughput = samples / their sum. */
    public void useSampleTimeForThroughput() {
        long sum = 0;
        for (int i = 0; i < count; i++) sum += nanos[i];
        this.wallNanos = sum;
    }

    public int count() {
        return count;
    }

    /** The p-th percentile (0 < p <= 100) in milliseconds, nearest rank. */
    public double percentileMs(double p) {
        if (count == 0) return Double.NaN;
        long[] sorted = Arrays.copyOf(nanos, count);
        Arrays.sort(sorted);
        int rank = (int) Math.ceil(p / 100.0 * count);
        return sorted[Math.max(0, Math.min(count, rank) - 1)] / 1e6;
    }

    public double meanMs() {
        if (count == 0) return Double.NaN;
        long sum = 0;
        for (int i = 0; i < count; i++) sum += nanos[i];
        return sum / 1e6 / count;
    }

    /** Operations per second over the wall time. */
    public double throughput() {
        return wallNanos == 0 ? Double.NaN : count / (wallNanos / 1e9);
    }
}
