package dev.engram.dashboard.analytics;

import dev.engram.core.error.ConfigurationException;
import dev.engram.dashboard.config.DashboardConfig;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import org.jboss.logging.Logger;

import javax.sql.DataSource;
import java.sql.PreparedStatement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Keeps the usage rollups for {@code engram.dashboard.usage.retention} (default 400 days): hours that ended before then
 * are deleted from the three rollup tables, one transaction per pass, a minute after start and then every hour. Every
 * dashboard instance may prune: the deletes are idempotent.
 */
@Singleton
public class UsageRetention {

    private static final Logger LOG = Logger.getLogger(UsageRetention.class);
    private static final List<String> TABLES = List.of("dashboard.usage_hourly", "dashboard.usage_hourly_users", "dashboard.usage_route_latency");

    private final DataSource dataSource;
    private final Duration retention;
    private final Counter pruned;
    private ScheduledExecutorService scheduler;

    @Inject
    UsageRetention(@io.quarkus.agroal.DataSource("dashboard") DataSource dataSource, DashboardConfig config, MeterRegistry registry) {
        this(dataSource, config.dashboard().usage().retention(), registry);
    }

    UsageRetention(DataSource dataSource, Duration retention, MeterRegistry registry) {
        if (retention.compareTo(Duration.ofDays(1)) < 0) {
            throw new ConfigurationException("engram.dashboard.usage.retention must be at least 1d, got " + retention);
        }
        this.dataSource = dataSource;
        this.retention = retention;
        this.pruned = Counter.builder("engram.dashboard.usage.pruned").description("Usage rollup rows deleted past their retention")
                .register(registry);
    }

    /** Deletes the rollups of hours before {@code now - retention}; returns how many rows went. */
    public int prune(Instant now) {
        Instant cutoff = now.minus(retention).truncatedTo(ChronoUnit.HOURS);
        int rows = JdbcTransaction.run(dataSource, "Pruning usage rollups", c -> {
            int deleted = 0;
            for (String table : TABLES) {
                try (PreparedStatement ps = c.prepareStatement("DELETE FROM " + table + " WHERE bucket < ?")) {
                    ps.setObject(1, OffsetDateTime.ofInstant(cutoff, ZoneOffset.UTC));
                    deleted += ps.executeUpdate();
                }
            }
            return deleted;
        });
        pruned.increment(rows);
        return rows;
    }

    synchronized void start(@Observes StartupEvent event) {
        scheduler = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().name("usage-retention").daemon().factory());
        scheduler.scheduleWithFixedDelay(this::pruneNow, 1, 60, TimeUnit.MINUTES);
    }

    synchronized void stop(@Observes ShutdownEvent event) {
        if (scheduler != null) scheduler.shutdownNow();
        scheduler = null;
    }

    private void pruneNow() {
        try {
            int rows = prune(Clock.systemUTC().instant());
            if (rows > 0) LOG.infof("Usage analytics: deleted %d rollup rows older than %s", rows, retention);
        } catch (RuntimeException e) {
            LOG.warnf("Usage analytics: pruning failed (next pass in an hour): %s", e.getMessage());
        }
    }
}
