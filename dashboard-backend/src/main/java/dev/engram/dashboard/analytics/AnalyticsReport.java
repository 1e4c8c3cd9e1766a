package dev.engram.dashboard.analytics;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The analytics response: one series per measure with a point for every bucket of the window (zero when nothing
 * happened), the latency percentiles per route over the whole window, and the window's totals.
 */
public record AnalyticsReport(String granularity, Instant from, Instant to, List<Series> series, List<RouteLatency> routes,
                              Map<String, Long> totals) {

    public record Series(String name, String unit, List<Point> points) {
    }

    public record Point(Instant t, long v) {
    }

    /** Percentiles are bucket bounds of {@link LatencyBuckets}: the true value is at most that and above the bound below. */
    public record RouteLatency(String route, long count, Integer p50Ms, Integer p95Ms) {
    }
}
