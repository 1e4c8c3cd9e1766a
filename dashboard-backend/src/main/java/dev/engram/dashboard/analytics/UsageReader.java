package dev.engram.dashboard.analytics;

import dev.engram.core.domain.Tenant;
import dev.engram.dashboard.store.DashboardSqlDialect;
import jakarta.enterprise.context.ApplicationScoped;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import javax.sql.DataSource;

/**
 * Reads one project's usage for a window. Every query is built by {@link #query}, which adds the project and window
 * predicate: the only way this class reaches the usage tables, so no query can read another tenant's rows. Days are
 * aggregated from hours here ({@link DashboardSqlDialect#utcDay}); distinct end users are counted over the
 * bucket's (or the window's) hours, so a person active in several hours of a day counts once for that day.
 */
@ApplicationScoped
public class UsageReader {

    /** The series of the response, in order: name, unit, SQL over usage_hourly. */
    private static final String[][] SUMS = {
            {"requests", "requests", "sum(requests)"},
            {"errors", "requests", "sum(errors)"},
            {"adds", "requests", "sum(adds)"},
            {"searches", "requests", "sum(searches)"},
            {"memories_created", "memories", "sum(memories_created)"},
            {"memories_updated", "memories", "sum(memories_updated)"},
            {"memories_superseded", "memories", "sum(memories_superseded)"},
            {"memories_deleted", "memories", "sum(memories_deleted)"},
            {"llm_tokens", "tokens", "sum(llm_prompt_tokens + llm_completion_tokens)"},
            {"context_tokens", "tokens", "sum(context_tokens)"},
            {"raw_tokens", "tokens", "sum(raw_tokens)"},
            {"tokens_saved", "tokens", "sum(raw_tokens - context_tokens)"},
            {"feedback_positive", "submissions", "sum(feedback_positive)"},
            {"feedback_negative", "submissions", "sum(feedback_negative)"},
            {"feedback_very_negative", "submissions", "sum(feedback_very_negative)"},
            {"feedback_cleared", "submissions", "sum(feedback_cleared)"},
    };

    private final DataSource dataSource;
    private final String utcDay;

    UsageReader(@io.quarkus.agroal.DataSource("dashboard") DataSource dataSource, DashboardSqlDialect dialect) {
        this.dataSource = dataSource;
        this.utcDay = dialect.utcDay("bucket");
    }

    public AnalyticsReport report(Tenant tenant, AnalyticsWindow window) {
        // Grouped by the expression, not "GROUP BY 1": H2 does not group by a column's position.
        String bucket = window.granularity() == AnalyticsWindow.Granularity.DAY ? utcDay : "bucket";
        StringBuilder columns = new StringBuilder();
        for (String[] s : SUMS) columns.append(", ").append(s[2]);
        try (Connection c = dataSource.getConnection()) {
            Map<Instant, long[]> sums = new HashMap<>();
            query(c, tenant, window, "SELECT " + bucket + columns + " FROM dashboard.usage_hourly WHERE %s GROUP BY " + bucket, rs -> {
                long[] values = new long[SUMS.length];
                for (int i = 0; i < SUMS.length; i++) values[i] = rs.getLong(i + 2);
                sums.put(instant(rs), values);
            });
            Map<Instant, Long> users = new HashMap<>();
            query(c, tenant, window, "SELECT " + bucket + ", count(DISTINCT user_hash) FROM dashboard.usage_hourly_users WHERE %s GROUP BY " + bucket,
                    rs -> users.put(instant(rs), rs.getLong(2)));
            long[] totalUsers = new long[1];
            query(c, tenant, window, "SELECT count(DISTINCT user_hash) FROM dashboard.usage_hourly_users WHERE %s", rs -> totalUsers[0] = rs.getLong(1));
            Map<String, TreeMap<Integer, Long>> histograms = new TreeMap<>();
            query(c, tenant, window, "SELECT route, le_ms, sum(requests) FROM dashboard.usage_route_latency WHERE %s GROUP BY route, le_ms",
                    rs -> histograms.computeIfAbsent(rs.getString(1), r -> new TreeMap<>()).put(rs.getInt(2), rs.getLong(3)));
            return assemble(window, sums, users, totalUsers[0], histograms);
        } catch (SQLException e) {
            throw new dev.engram.core.error.StorageException("Reading usage analytics failed", e);
        }
    }

    private static AnalyticsReport assemble(AnalyticsWindow window, Map<Instant, long[]> sums, Map<Instant, Long> users,
                                            long totalUsers, Map<String, TreeMap<Integer, Long>> histograms) {
        List<Instant> buckets = window.buckets();
        List<AnalyticsReport.Series> series = new ArrayList<>();
        Map<String, Long> totals = new LinkedHashMap<>();
        for (int i = 0; i < SUMS.length; i++) {
            List<AnalyticsReport.Point> points = new ArrayList<>(buckets.size());
            long total = 0;
            for (Instant t : buckets) {
                long[] values = sums.get(t);
                long v = values == null ? 0 : values[i];
                points.add(new AnalyticsReport.Point(t, v));
                total += v;
            }
            series.add(new AnalyticsReport.Series(SUMS[i][0], SUMS[i][1], points));
            totals.put(SUMS[i][0], total);
        }
        series.add(new AnalyticsReport.Series("end_users", "users",
                buckets.stream().map(t -> new AnalyticsReport.Point(t, users.getOrDefault(t, 0L))).toList()));
        totals.put("end_users", totalUsers);
        List<AnalyticsReport.RouteLatency> routes = histograms.entrySet().stream()
                .map(e -> new AnalyticsReport.RouteLatency(e.getKey(), e.getValue().values().stream().mapToLong(Long::longValue).sum(),
                        LatencyBuckets.quantile(e.getValue(), 0.50), LatencyBuckets.quantile(e.getValue(), 0.95)))
                .sorted(java.util.Comparator.comparingLong(AnalyticsReport.RouteLatency::count).reversed()
                        .thenComparing(AnalyticsReport.RouteLatency::route))
                .toList();
        return new AnalyticsReport(window.granularity().wireName(), window.from(), window.to(), series, routes, totals);
    }

    @FunctionalInterface
    private interface RowReader {
        void read(ResultSet rs) throws SQLException;
    }

    /**
     * Runs {@code sql}, whose {@code %s} is replaced by the tenant and window predicate (the only place it is written),
     * and reads every row.
     */
    private static void query(Connection c, Tenant tenant, AnalyticsWindow window, String sql, RowReader reader) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql.formatted("org_id = ? AND project_id = ? AND bucket >= ? AND bucket < ?"))) {
            ps.setString(1, tenant.orgId());
            ps.setString(2, tenant.projectId());
            ps.setObject(3, OffsetDateTime.ofInstant(window.from(), ZoneOffset.UTC));
            ps.setObject(4, OffsetDateTime.ofInstant(window.to(), ZoneOffset.UTC));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) reader.read(rs);
            }
        }
    }

    private static Instant instant(ResultSet rs) throws SQLException {
        return rs.getObject(1, OffsetDateTime.class).toInstant();
    }
}
