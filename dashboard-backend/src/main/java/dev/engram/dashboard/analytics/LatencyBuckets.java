package dev.engram.dashboard.analytics;

import java.util.Arrays;
import java.util.Map;

/**
 * The fixed latency histogram buckets (milliseconds, roughly logarithmic: each bound 20-50 % above the previous one). A
 * latency falls in the first bucket whose upper bound is at least it; latencies above the last bound fall in that last
 * bucket. Percentiles are reported as the bound of the bucket the rank falls in, so they are exact to this precision for
 * any window.
 */
final class LatencyBuckets {

    static final int[] BOUNDS_MS = {
            1, 2, 3, 4, 5, 6, 8, 10, 12, 15, 20, 25, 30, 40, 50, 60, 80, 100, 120, 150, 200, 250, 300, 400, 500, 600, 800,
            1_000, 1_200, 1_500, 2_000, 2_500, 3_000, 4_000, 5_000, 6_000, 8_000, 10_000, 15_000, 20_000, 30_000, 60_000,
            120_000, 300_000};

    private LatencyBuckets() {
    }

    /** The upper bound of the bucket {@code latencyMs} falls in. */
    static int boundOf(long latencyMs) {
        int i = Arrays.binarySearch(BOUNDS_MS, (int) Math.min(latencyMs, Integer.MAX_VALUE));
        if (i >= 0) return BOUNDS_MS[i];
        int insertion = -i - 1;
        return BOUNDS_MS[Math.min(insertion, BOUNDS_MS.length - 1)];
    }

    /**
     * The nearest-rank quantile of a histogram ({@code bound → count}, iterated in ascending bound order): the bound of
     * the bucket holding the {@code ceil(q · n)}-th smallest latency; null for an empty histogram.
     */
    static Integer quantile(java.util.SortedMap<Integer, Long> histogram, double q) {
        long n = histogram.values().stream().mapToLong(Long::longValue).sum();
        if (n == 0) return null;
        long rank = Math.max(1, (long) Math.ceil(q * n));
        long seen = 0;
        for (Map.Entry<Integer, Long> e : histogram.entrySet()) {
            seen += e.getValue();
            if (seen >= rank) return e.getKey();
        }
        return histogram.lastKey();
    }
}
