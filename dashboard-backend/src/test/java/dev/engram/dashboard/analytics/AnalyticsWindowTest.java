package dev.engram.dashboard.analytics;

import dev.engram.core.error.ValidationException;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The window's alignment and limits, and the latency buckets' percentile arithmetic (no application needed). */
class AnalyticsWindowTest {

    private static final Instant NOW = Instant.parse("2026-03-10T14:25:00Z");

    @Test
    void defaultsEndWithTheCurrentBucket() {
        var hourly = AnalyticsWindow.of(null, null, null, NOW);
        assertThat(hourly.from()).isEqualTo(Instant.parse("2026-03-09T15:00:00Z"));
        assertThat(hourly.to()).isEqualTo(Instant.parse("2026-03-10T15:00:00Z"));
        assertThat(hourly.buckets()).hasSize(24);
        var daily = AnalyticsWindow.of("DAY", null, null, NOW);
        assertThat(daily.from()).isEqualTo(Instant.parse("2026-02-09T00:00:00Z"));
        assertThat(daily.to()).isEqualTo(Instant.parse("2026-03-11T00:00:00Z"));
        assertThat(daily.buckets()).hasSize(30);
    }

    @Test
    void explicitBoundsAreAlignedOutwards() {
        var w = AnalyticsWindow.of("hour", "2026-01-01T10:59:59Z", "2026-01-01T11:00:01Z", NOW);
        assertThat(w.buckets()).containsExactly(Instant.parse("2026-01-01T10:00:00Z"), Instant.parse("2026-01-01T11:00:00Z"));
    }

    @Test
    void invalidParametersAreValidationErrors() {
        assertThatThrownBy(() -> AnalyticsWindow.of("minute", null, null, NOW)).isInstanceOf(ValidationException.class);
        assertThatThrownBy(() -> AnalyticsWindow.of(null, "2026-01-01", null, NOW)).isInstanceOf(ValidationException.class)
                .hasMessageContaining("'from'");
        assertThatThrownBy(() -> AnalyticsWindow.of(null, "2026-01-01T10:00:00Z", "2026-01-01T10:00:00Z", NOW))
                .isInstanceOf(ValidationException.class);
        assertThatThrownBy(() -> AnalyticsWindow.of("day", "2026-01-01T00:00:00Z", "2026-04-01T00:00:01Z", NOW))
                .isInstanceOf(ValidationException.class).hasMessageContaining("90 days");
    }

    @Test
    void latenciesFallInTheFirstBucketWhoseBoundHoldsThem() {
        assertThat(LatencyBuckets.boundOf(0)).isEqualTo(1);
        assertThat(LatencyBuckets.boundOf(12)).isEqualTo(12);
        assertThat(LatencyBuckets.boundOf(13)).isEqualTo(15);
        assertThat(LatencyBuckets.boundOf(10_000_000)).isEqualTo(300_000);
        var histogram = new TreeMap<Integer, Long>();
        assertThat(LatencyBuckets.quantile(histogram, 0.5)).isNull();
        histogram.put(10, 95L);
        histogram.put(500, 5L);
        assertThat(LatencyBuckets.quantile(histogram, 0.5)).isEqualTo(10);
        assertThat(LatencyBuckets.quantile(histogram, 0.95)).isEqualTo(10);  // rank 95 of 100
        assertThat(LatencyBuckets.quantile(histogram, 0.96)).isEqualTo(500);
    }
}
