package dev.engram.bench.quality;

import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.distribution.ValueAtPercentile;

import java.util.concurrent.TimeUnit;

/** Count, mean, p50 and p95 of a Micrometer {@link Timer} that publishes those two percentiles, in milliseconds. */
public record LatencySummary(long count, double meanMs, double p50Ms, double p95Ms) {

    public static LatencySummary of(Timer timer) {
        double p50 = Double.NaN, p95 = Double.NaN;
        for (ValueAtPercentile v : timer.takeSnapshot().percentileValues()) {
            if (v.percentile() == 0.5) p50 = v.value(TimeUnit.MILLISECONDS);
            if (v.percentile() == 0.95) p95 = v.value(TimeUnit.MILLISECONDS);
        }
        return new LatencySummary(timer.count(), timer.mean(TimeUnit.MILLISECONDS), p50, p95);
    }
}
