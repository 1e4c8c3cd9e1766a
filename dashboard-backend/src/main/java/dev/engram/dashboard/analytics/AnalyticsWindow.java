package dev.engram.dashboard.analytics;

import dev.engram.core.error.ValidationException;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Locale;

/**
 * The validated time window of an analytics request: {@code [from, to)} aligned to the granularity (from rounded down,
 * to rounded up to whole hours or UTC days). Defaults: the last 24 hours hourly, the last 30 days daily; at most
 * {@value #MAX_DAYS} days.
 */
record AnalyticsWindow(Granularity granularity, Instant from, Instant to) {

    static final int MAX_DAYS = 90;

    enum Granularity {
        HOUR(ChronoUnit.HOURS, Duration.ofHours(24)),
        DAY(ChronoUnit.DAYS, Duration.ofDays(30));

        final ChronoUnit unit;
        final Duration defaultSpan;

        Granularity(ChronoUnit unit, Duration defaultSpan) {
            this.unit = unit;
            this.defaultSpan = defaultSpan;
        }

        String wireName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** Parses the query parameters (each may be null). */
    static AnalyticsWindow of(String granularity, String from, String to, Instant now) {
        Granularity g = granularity(granularity);
        Instant end = to == null ? ceil(now, g) : ceil(instant("to", to), g);
        Instant start = from == null ? end.minus(g.defaultSpan) : instant("from", from).truncatedTo(g.unit);
        if (!start.isBefore(end)) throw new ValidationException("'from' must be before 'to'");
        if (Duration.between(start, end).compareTo(Duration.ofDays(MAX_DAYS)) > 0) {
            throw new ValidationException("The window is longer than " + MAX_DAYS + " days");
        }
        return new AnalyticsWindow(g, start, end);
    }

    /** The bucket starts of the window, oldest first. */
    java.util.List<Instant> buckets() {
        java.util.List<Instant> all = new java.util.ArrayList<>();
        for (Instant t = from; t.isBefore(to); t = t.plus(1, granularity.unit)) all.add(t);
        return all;
    }

    private static Granularity granularity(String value) {
        if (value == null || value.isBlank()) return Granularity.HOUR;
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "hour" -> Granularity.HOUR;
            case "day" -> Granularity.DAY;
            default -> throw new ValidationException("'granularity' must be hour or day");
        };
    }

    private static Instant instant(String name, String value) {
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw new ValidationException("'" + name + "' must be an ISO-8601 instant such as 2026-01-01T00:00:00Z");
        }
    }

    private static Instant ceil(Instant t, Granularity g) {
        Instant floor = t.truncatedTo(g.unit);
        return floor.equals(t) ? t : floor.plus(1, g.unit);
    }
}
