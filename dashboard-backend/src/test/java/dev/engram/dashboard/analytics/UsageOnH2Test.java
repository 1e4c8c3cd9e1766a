package dev.engram.dashboard.analytics;

import dev.engram.core.domain.Tenant;
import dev.engram.core.usage.UsageEvent;
import dev.engram.core.usage.UsageEventCodec;
import dev.engram.dashboard.store.DashboardSqlDialect;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The standalone dashboard's analytics SQL on H2: the db/dashboard-h2 migrations run with Flyway as the standalone build
 * runs them, then the rollup and the reader (DashboardSqlDialect.H2) must give the numbers {@link AnalyticsTest} expects of
 * PostgreSQL for {@link UsageFixture}'s history.
 */
class UsageOnH2Test {

    private static final String GROUP = "engram-dashboard-usage";
    private static final Instant NOW = Instant.parse("2026-01-05T00:00:00Z");

    private JdbcDataSource dataSource;
    private UsageRollup rollup;
    private UsageReader reader;

    @BeforeEach
    void migrate() {
        dataSource = new JdbcDataSource();
        dataSource.setURL("jdbc:h2:mem:usage-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        dataSource.setUser("sa");
        Flyway.configure().dataSource(dataSource).locations("classpath:db/dashboard-h2").schemas("DASHBOARD").load().migrate();
        assertThat(DashboardSqlDialect.of(dataSource)).isEqualTo(DashboardSqlDialect.H2);
        rollup = new UsageRollup(dataSource, DashboardSqlDialect.H2, new SimpleMeterRegistry());
        reader = new UsageReader(dataSource, DashboardSqlDialect.H2);
    }

    @Test
    void theSeriesPercentilesUsersAndTokensSavedOfAKnownInput() {
        Tenant t = Tenant.of("acme", "default");
        List<ConsumerRecord<String, byte[]>> records = records(UsageFixture.events(t), 0);
        assertThat(rollup.apply(GROUP, records)).isEqualTo(new UsageRollup.Applied(records.size(), 0, 0));

        AnalyticsReport hourly = reader.report(t, AnalyticsWindow.of("hour", "2026-01-01T10:00:00Z", "2026-01-01T12:00:00Z", NOW));
        assertThat(hourly.granularity()).isEqualTo("hour");
        assertThat(series(hourly, "adds")).containsExactly(2L, 0L);
        assertThat(series(hourly, "searches")).containsExactly(4L, 1L);
        assertThat(series(hourly, "errors")).containsExactly(0L, 1L);
        assertThat(series(hourly, "memories_created")).containsExactly(3L, 0L);
        assertThat(series(hourly, "memories_updated")).containsExactly(1L, 0L);
        assertThat(series(hourly, "memories_superseded")).containsExactly(1L, 0L);
        assertThat(series(hourly, "memories_deleted")).containsExactly(1L, 0L);
        assertThat(series(hourly, "end_users")).containsExactly(3L, 2L);
        assertThat(series(hourly, "llm_tokens")).containsExactly(470L, 0L);
        assertThat(series(hourly, "context_tokens")).containsExactly(100L, 5L);
        assertThat(series(hourly, "raw_tokens")).containsExactly(300L, 0L);
        assertThat(series(hourly, "tokens_saved")).containsExactly(200L, -5L);
        assertThat(hourly.series().getFirst().points()).extracting(AnalyticsReport.Point::t)
                .containsExactly(UsageFixture.H10, UsageFixture.H11);

        assertThat(hourly.routes()).extracting(AnalyticsReport.RouteLatency::route).containsExactly(UsageFixture.SEARCH, UsageFixture.ADD);
        assertThat(hourly.routes().get(0)).isEqualTo(new AnalyticsReport.RouteLatency(UsageFixture.SEARCH, 6, 40, 1000));
        assertThat(hourly.routes().get(1)).isEqualTo(new AnalyticsReport.RouteLatency(UsageFixture.ADD, 2, 15, 15));
        assertThat(hourly.totals()).containsEntry("end_users", 4L).containsEntry("tokens_saved", 195L).containsEntry("requests", 8L);

        AnalyticsReport daily = reader.report(t, AnalyticsWindow.of("day", "2026-01-01T00:00:00Z", "2026-01-03T00:00:00Z", NOW));
        assertThat(series(daily, "searches")).containsExactly(5L, 0L);
        assertThat(series(daily, "end_users")).containsExactly(4L, 0L);
        assertThat(series(daily, "llm_tokens")).containsExactly(470L, 0L);

        AnalyticsReport eleven = reader.report(t, AnalyticsWindow.of("hour", "2026-01-01T11:00:00Z", "2026-01-01T12:00:00Z", NOW));
        assertThat(eleven.routes().getFirst().p50Ms()).isEqualTo(100);
        assertThat(eleven.routes().getFirst().p95Ms()).isEqualTo(1000);

        AnalyticsReport other = reader.report(Tenant.of("other-acme", "default"),
                AnalyticsWindow.of("hour", "2026-01-01T10:00:00Z", "2026-01-01T12:00:00Z", NOW));
        assertThat(other.totals()).containsEntry("requests", 1L).containsEntry("end_users", 1L);
    }

    @Test
    void feedbackSubmissionsAreCountedPerProjectByValue() {
        Tenant t = Tenant.of("acme", "default");
        rollup.apply(GROUP, records(UsageFixture.events(t), 0));
        List<ConsumerRecord<String, byte[]>> feedback = records(UsageFixture.feedbackEvents(t), 100);
        assertThat(rollup.apply(GROUP, feedback)).isEqualTo(new UsageRollup.Applied(feedback.size(), 0, 0));

        AnalyticsReport hourly = reader.report(t, AnalyticsWindow.of("hour", "2026-01-01T10:00:00Z", "2026-01-01T12:00:00Z", NOW));
        assertThat(series(hourly, "feedback_positive")).containsExactly(2L, 0L);
        assertThat(series(hourly, "feedback_negative")).containsExactly(1L, 0L);
        assertThat(series(hourly, "feedback_very_negative")).containsExactly(0L, 1L); // the refused one is not a submission
        assertThat(series(hourly, "feedback_cleared")).containsExactly(0L, 1L);
        assertThat(hourly.series()).filteredOn(s -> s.name().startsWith("feedback_")).extracting(AnalyticsReport.Series::unit)
                .containsOnly("submissions");
        assertThat(hourly.totals()).containsEntry("feedback_positive", 2L).containsEntry("feedback_very_negative", 1L)
                .containsEntry("searches", 5L).containsEntry("requests", 14L);

        AnalyticsReport other = reader.report(Tenant.of("other-acme", "default"),
                AnalyticsWindow.of("hour", "2026-01-01T10:00:00Z", "2026-01-01T12:00:00Z", NOW));
        assertThat(other.totals()).containsEntry("feedback_positive", 1L).containsEntry("feedback_negative", 0L);
    }

    @Test
    void aRedeliveredBatchCountsOnceAndALaterOneAddsUp() {
        Tenant t = Tenant.of("acme", "default");
        List<ConsumerRecord<String, byte[]>> first = records(UsageFixture.events(t), 0);
        rollup.apply(GROUP, first);
        assertThat(rollup.apply(GROUP, first)).isEqualTo(new UsageRollup.Applied(0, first.size(), 0));

        // the same history again at later offsets: new records, so every sum doubles while distinct users stay
        List<ConsumerRecord<String, byte[]>> second = records(UsageFixture.events(t), first.size());
        assertThat(rollup.apply(GROUP, second)).isEqualTo(new UsageRollup.Applied(second.size(), 0, 0));
        AnalyticsReport report = reader.report(t, AnalyticsWindow.of("hour", "2026-01-01T10:00:00Z", "2026-01-01T12:00:00Z", NOW));
        assertThat(report.totals()).containsEntry("requests", 16L).containsEntry("searches", 10L).containsEntry("end_users", 4L);
        assertThat(report.routes().getFirst().count()).isEqualTo(12);
    }

    @Test
    void anInvalidRecordIsCountedAndSkipped() {
        ConsumerRecord<String, byte[]> bad = new ConsumerRecord<>("engram.usage.v1", 0, 0, "k", "not json".getBytes(StandardCharsets.UTF_8));
        assertThat(rollup.apply(GROUP, List.of(bad))).isEqualTo(new UsageRollup.Applied(0, 0, 1));
        assertThat(rollup.apply(GROUP, List.of(bad))).isEqualTo(new UsageRollup.Applied(0, 1, 0));
    }

    @Test
    void eventsDeliveredOverHttpRollUpLikeRecordsAndAnInvalidOneIsSkipped() {
        Tenant t = Tenant.of("acme", "default");
        List<byte[]> delivered = new ArrayList<>();
        UsageFixture.events(t).forEach(e -> delivered.add(UsageEventCodec.encode(e)));
        delivered.add("{\"v\": 1}".getBytes(StandardCharsets.UTF_8));
        assertThat(rollup.applyDelivered(delivered)).isEqualTo(new UsageRollup.Applied(delivered.size() - 1, 0, 1));
        AnalyticsReport report = reader.report(t, AnalyticsWindow.of("hour", "2026-01-01T10:00:00Z", "2026-01-01T12:00:00Z", NOW));
        assertThat(report.totals()).containsEntry("requests", 8L).containsEntry("searches", 5L).containsEntry("end_users", 4L);
        assertThat(rollup.applyDelivered(List.of())).isEqualTo(new UsageRollup.Applied(0, 0, 0));
    }

    @Test
    void retentionDeletesTheHoursThatEndedBeforeItAndKeepsTheRest() {
        Tenant t = Tenant.of("acme", "default");
        rollup.apply(GROUP, records(UsageFixture.events(t), 0));
        UsageRetention retention = new UsageRetention(dataSource, java.time.Duration.ofDays(2), new SimpleMeterRegistry());
        AnalyticsWindow window = AnalyticsWindow.of("hour", "2026-01-01T10:00:00Z", "2026-01-01T12:00:00Z", NOW);

        assertThat(retention.prune(Instant.parse("2026-01-03T10:30:00Z"))).as("10:00 is the cutoff hour: kept").isZero();
        assertThat(reader.report(t, window).totals()).containsEntry("requests", 8L);

        assertThat(retention.prune(Instant.parse("2026-01-03T11:00:00Z"))).as("the 10:00 hour goes, 11:00 stays").isPositive();
        AnalyticsReport left = reader.report(t, window);
        assertThat(series(left, "searches")).containsExactly(0L, 1L);
        assertThat(series(left, "end_users")).containsExactly(0L, 2L);

        assertThat(retention.prune(NOW)).isPositive();
        assertThat(reader.report(t, window).totals()).containsEntry("requests", 0L).containsEntry("end_users", 0L);
        assertThat(retention.prune(NOW)).as("idempotent").isZero();
    }

    @Test
    void aRetentionUnderADayIsRefused() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new UsageRetention(dataSource, java.time.Duration.ofHours(2), new SimpleMeterRegistry()))
                .hasMessageContaining("at least 1d");
    }

    /** The events as records of partition 0 of the usage topic, from {@code offset} on. */
    private static List<ConsumerRecord<String, byte[]>> records(List<UsageEvent> events, long offset) {
        List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
        for (UsageEvent e : events) {
            records.add(new ConsumerRecord<>("engram.usage.v1", 0, offset++, e.tenant().key(), UsageEventCodec.encode(e)));
        }
        return records;
    }

    private static List<Long> series(AnalyticsReport report, String name) {
        return report.series().stream().filter(s -> s.name().equals(name)).findFirst().orElseThrow()
                .points().stream().map(AnalyticsReport.Point::v).toList();
    }
}
