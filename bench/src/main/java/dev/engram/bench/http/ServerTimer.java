package dev.engram.bench.http;

import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One Micrometer timer of the gateway as its management port publishes it ({@code /q/metrics}, Prometheus text):
 * count, total seconds and the client-side percentiles it publishes (a decaying window of about the last two minutes).
 */
record ServerTimer(double count, double sumSeconds, Map<Double, Double> quantileSeconds) {

    private static final Pattern LINE = Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)(\\{[^}]*})?\\s+(\\S+)");
    private static final Pattern QUANTILE = Pattern.compile("quantile=\"([0-9.]+)\"");

    static final ServerTimer NONE = new ServerTimer(0, 0, Map.of());

    /** The timer {@code name} (e.g. {@code engram_memory_search_seconds}) in a Prometheus scrape; NONE when absent. */
    static ServerTimer parse(String scrape, String name) {
        if (scrape == null) return NONE;
        double count = 0, sum = 0;
        Map<Double, Double> quantiles = new HashMap<>();
        boolean found = false;
        for (String line : scrape.split("\n")) {
            Matcher m = LINE.matcher(line);
            if (!m.find()) continue;
            String metric = m.group(1);
            double value;
            try {
                value = Double.parseDouble(m.group(3));
            } catch (NumberFormatException e) {
                continue;
            }
            if (metric.equals(name + "_count")) {
                count += value;
                found = true;
            } else if (metric.equals(name + "_sum")) {
                sum += value;
            } else if (metric.equals(name) && m.group(2) != null) {
                Matcher q = QUANTILE.matcher(m.group(2));
                if (q.find()) quantiles.put(Double.parseDouble(q.group(1)), value);
            }
        }
        return found ? new ServerTimer(count, sum, quantiles) : NONE;
    }

    /** Mean milliseconds of the calls between {@code before} and this scrape; NaN when none. */
    double meanMsSince(ServerTimer before) {
        double n = count - before.count;
        return n <= 0 ? Double.NaN : (sumSeconds - before.sumSeconds) / n * 1000;
    }

    double quantileMs(double q) {
        Double s = quantileSeconds.get(q);
        return s == null ? Double.NaN : s * 1000;
    }
}
