package dev.engram.bench.http;

import dev.engram.bench.search.LatencyStats;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Whether a soak stayed flat: the last minutes against the first (five each, fewer in a short soak: a third of it),
 * per operation's p50, all operations' p99, and the server's resident memory at the end of those minutes.
 *
 * @param p50Ratios per operation, last p50 ÷ first p50
 * @param p99Ratio  all operations, last p99 ÷ first p99
 * @param rssRatio  the mean RSS at the end of the last minutes ÷ that of the first
 * @param reasons   why it is not flat (empty when flat)
 */
public record SoakVerdict(int windowMinutes, Map<String, Double> p50Ratios, double p99Ratio, double rssRatio, List<String> reasons) {

    /** Allowed growth: latency p50 ×1.5, p99 ×2 (a shared machine's noise), resident memory ×1.25. */
    static final double MAX_P50_RATIO = 1.5, MAX_P99_RATIO = 2.0, MAX_RSS_RATIO = 1.25;

    public boolean flat() {
        return reasons.isEmpty();
    }

    /** Minutes compared at each end of a soak of {@code minutes}: five, or a third of a shorter one (at least one). */
    static int windowMinutes(int minutes) {
        return Math.max(1, Math.min(5, minutes / 3));
    }

    /**
     * @param minutes per minute, each operation's latencies (by operation name)
     * @param rss     per minute, the server's total resident memory at its end (bytes)
     */
    public static SoakVerdict of(List<Map<String, LatencyStats>> minutes, List<Long> rss) {
        int k = windowMinutes(minutes.size());
        List<Map<String, LatencyStats>> first = minutes.subList(0, k), last = minutes.subList(minutes.size() - k, minutes.size());
        Map<String, Double> p50 = new LinkedHashMap<>();
        List<String> reasons = new ArrayList<>();
        for (String op : first.getFirst().keySet()) {
            LatencyStats a = LatencyStats.merged(first.stream().map(m -> m.get(op)).toList());
            LatencyStats b = LatencyStats.merged(last.stream().map(m -> m.get(op)).toList());
            if (a.count() == 0 || b.count() == 0) continue;
            double r = b.percentileMs(50) / a.percentileMs(50);
            p50.put(op, r);
            if (r > MAX_P50_RATIO) reasons.add(String.format(java.util.Locale.ROOT, "%s p50 grew %.2f×", op, r));
        }
        double p99 = all(last).percentileMs(99) / all(first).percentileMs(99);
        if (p99 > MAX_P99_RATIO) reasons.add(String.format(java.util.Locale.ROOT, "p99 of all operations grew %.2f×", p99));
        double rssRatio = mean(rss.subList(rss.size() - k, rss.size())) / mean(rss.subList(0, k));
        if (rssRatio > MAX_RSS_RATIO) reasons.add(String.format(java.util.Locale.ROOT, "resident memory grew %.2f×", rssRatio));
        return new SoakVerdict(k, p50, p99, rssRatio, List.copyOf(reasons));
    }

    private static LatencyStats all(List<Map<String, LatencyStats>> minutes) {
        return LatencyStats.merged(minutes.stream().flatMap(m -> m.values().stream()).toList());
    }

    private static double mean(List<Long> values) {
        return values.stream().mapToLong(Long::longValue).average().orElse(Double.NaN);
    }
}
