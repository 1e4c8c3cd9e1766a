package dev.engram.testing.grafana;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The metric names a Grafana dashboard's PromQL uses, and the names a Prometheus scrape exports, so that a test can
 * check the first are among the second (a renamed meter then fails the build instead of blanking a panel).
 */
public final class DashboardMetrics {

    /** The committed dashboard, relative to the repository root. */
    public static final String DASHBOARD = "deploy/grafana/engram-dashboard.json";

    private static final Pattern QUERY = Pattern.compile("\"(?:expr|definition)\"\\s*:\\s*\"((?:[^\"\\\\]|\\\\.)*)\"");
    private static final Pattern IDENTIFIER = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");
    /** PromQL functions, aggregations and keywords, and Grafana's query functions: identifiers that are not metrics. */
    private static final Set<String> NOT_METRICS = Set.of("sum", "min", "max", "avg", "count", "stddev", "stdvar", "topk", "bottomk",
            "quantile", "count_values", "group", "by", "without", "on", "ignoring", "group_left", "group_right", "and", "or", "unless",
            "offset", "bool", "rate", "irate", "increase", "delta", "idelta", "deriv", "histogram_quantile", "abs", "ceil", "floor",
            "round", "clamp", "clamp_min", "clamp_max", "label_replace", "label_join", "vector", "scalar", "time", "timestamp",
            "absent", "absent_over_time", "avg_over_time", "max_over_time", "min_over_time", "sum_over_time", "count_over_time",
            "quantile_over_time", "last_over_time", "resets", "changes", "sort", "sort_desc", "label_values", "query_result",
            "metrics", "label_names");

    private DashboardMetrics() {
    }

    /** The repository's dashboard, found from a module's working directory (surefire runs in the module directory). */
    public static Path dashboard() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve(DASHBOARD);
            if (Files.isRegularFile(candidate)) return candidate;
        }
        throw new IllegalStateException(DASHBOARD + " not found above " + Path.of("").toAbsolutePath());
    }

    /** Every metric name in the dashboard's panel expressions ({@code expr}) and query variables ({@code definition}). */
    public static Set<String> usedBy(Path dashboard) throws IOException {
        Set<String> names = new TreeSet<>();
        Matcher m = QUERY.matcher(Files.readString(dashboard));
        while (m.find()) names.addAll(metricNames(unescape(m.group(1))));
        return names;
    }

    /** The metric names of one PromQL expression: label matchers, groupings, ranges and strings removed, functions left out. */
    public static Set<String> metricNames(String promql) {
        String s = promql.replaceAll("label_values\\(([^,)]*),\\s*\\w+\\)", "$1")
                .replaceAll("\"(?:[^\"\\\\]|\\\\.)*\"", "\"\"")
                .replaceAll("\\{[^}]*}", " ")
                .replaceAll("\\[[^\\]]*]", " ")
                .replaceAll("\\b(?:by|without|on|ignoring|group_left|group_right)\\s*\\([^)]*\\)", " ")
                .replaceAll("\\$\\w+", " ")
                .replaceAll("\\b\\d+(?:\\.\\d+)?(?:e[+-]?\\d+)?[a-z]*\\b", " ");
        Set<String> names = new TreeSet<>();
        Matcher m = IDENTIFIER.matcher(s);
        while (m.find()) if (!NOT_METRICS.contains(m.group())) names.add(m.group());
        return names;
    }

    /** The metric names of a Prometheus text exposition ({@code /q/metrics}): every sample's name. */
    public static Set<String> exported(String exposition) {
        Set<String> names = new TreeSet<>();
        for (String line : exposition.split("\n")) {
            if (line.isBlank() || line.startsWith("#")) continue;
            Matcher m = IDENTIFIER.matcher(line);
            if (m.lookingAt()) names.add(m.group());
        }
        return names;
    }

    private static String unescape(String json) {
        StringBuilder out = new StringBuilder(json.length());
        for (int i = 0; i < json.length(); i++) {
            char c = json.charAt(i);
            if (c == '\\' && i + 1 < json.length()) {
                char n = json.charAt(++i);
                switch (n) {
                    case 'n' -> out.append('\n');
                    case 't' -> out.append('\t');
                    case 'u' -> {
                        out.append((char) Integer.parseInt(json.substring(i + 1, i + 5), 16));
                        i += 4;
                    }
                    default -> out.append(n);
                }
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }
}
