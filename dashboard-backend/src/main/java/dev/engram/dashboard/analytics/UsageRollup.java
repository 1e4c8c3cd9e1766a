package dev.engram.dashboard.analytics;

import dev.engram.core.domain.Tenant;
import dev.engram.core.usage.UsageEvent;
import dev.engram.core.usage.UsageEventCodec;
import dev.engram.dashboard.store.DashboardSqlDialect;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.jboss.logging.Logger;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.sql.DataSource;

/**
 * Rolls a polled batch of usage records up into the hourly tables, in one database transaction that also records the
 * last offset of each partition. Records at or below a partition's recorded offset were rolled up before (a redelivery)
 * and are skipped, so a batch applied twice counts once. Records that are not valid usage events are counted and skipped
 * (analytics never stop on one bad record). Events delivered over HTTP by the standalone platform's gateway
 * ({@link #applyDelivered}) carry no offsets and are rolled up the same way.
 */
@ApplicationScoped
public class UsageRollup {

    private static final Logger LOG = Logger.getLogger(UsageRollup.class);

    /** What one batch did. */
    public record Applied(int rolledUp, int duplicates, int invalid) {
    }

    private record HourKey(Tenant tenant, Instant bucket) {
    }

    private record RouteKey(HourKey hour, String route, int boundMs) {
    }

    private record UserKey(HourKey hour, String userHash) {
    }

    /** Mutable sums of one project and hour within a batch. */
    private static final class Sums {
        long requests, errors, adds, searches, created, updated, superseded, deleted, prompt, completion, context, raw;
        long positive, negative, veryNegative, cleared;

        void add(UsageEvent e) {
            if (e.kind() == UsageEvent.Kind.REQUEST) {
                requests++;
                boolean ok = e.status() < 400;
                if (!ok) errors++;
                if (ok && e.operation() == UsageEvent.Operation.ADD) adds++;
                if (ok && e.operation() == UsageEvent.Operation.SEARCH) searches++;
                if (ok) feedback(e.operation());
            }
            created += e.memories().added();
            updated += e.memories().updated();
            superseded += e.memories().superseded();
            deleted += e.memories().deleted();
            prompt += e.llm().inputTokens();
            completion += e.llm().outputTokens();
            context += e.contextTokens();
            raw += e.rawTokens();
        }

        /** A feedback submission, by its value. */
        private void feedback(UsageEvent.Operation operation) {
            switch (operation) {
                case FEEDBACK_POSITIVE -> positive++;
                case FEEDBACK_NEGATIVE -> negative++;
                case FEEDBACK_VERY_NEGATIVE -> veryNegative++;
                case FEEDBACK_CLEARED -> cleared++;
                default -> { }
            }
        }
    }

    private static final List<String> HOUR_KEY = List.of("org_id", "project_id", "bucket");
    private static final List<String> HOUR_SUMS = List.of("requests", "errors", "adds", "searches", "memories_created",
            "memories_updated", "memories_superseded", "memories_deleted", "llm_prompt_tokens", "llm_completion_tokens",
            "context_tokens", "raw_tokens", "feedback_positive", "feedback_negative", "feedback_very_negative", "feedback_cleared");

    private final DataSource dataSource;
    private final Counter rolledUp;
    private final Counter duplicates;
    private final Counter invalid;
    /** The dialect's statements, built once: see {@link DashboardSqlDialect}. */
    private final String insertOffset;
    private final String upsertHour;
    private final String upsertLatency;
    private final String insertUser;

    UsageRollup(@io.quarkus.agroal.DataSource("dashboard") DataSource dataSource, DashboardSqlDialect dialect, MeterRegistry registry) {
        this.dataSource = dataSource;
        this.insertOffset = dialect.insertIfAbsent("dashboard.usage_offsets", List.of("consumer_group", "topic", "kafka_partition"),
                List.of("last_offset"));
        this.upsertHour = dialect.upsertAdding("dashboard.usage_hourly", HOUR_KEY, HOUR_SUMS);
        this.upsertLatency = dialect.upsertAdding("dashboard.usage_route_latency",
                List.of("org_id", "project_id", "bucket", "route", "le_ms"), List.of("requests"));
        this.insertUser = dialect.insertIfAbsent("dashboard.usage_hourly_users", List.of("org_id", "project_id", "bucket", "user_hash"),
                List.of());
        this.rolledUp = counter(registry, "rolled_up");
        this.duplicates = counter(registry, "duplicate");
        this.invalid = counter(registry, "invalid");
    }

    private static Counter counter(MeterRegistry registry, String outcome) {
        return Counter.builder("engram.dashboard.usage.records").tag("outcome", outcome)
                .description("Usage records consumed, by outcome").register(registry);
    }

    /**
     * Rolls the records up (all of them from {@code group}'s consumption of their topics) and records each partition's last
     * offset, atomically.
     *
     * @throws IllegalStateException when the database fails: nothing of the batch is kept, the caller redelivers it
     */
    public Applied apply(String group, List<ConsumerRecord<String, byte[]>> records) {
        if (records.isEmpty()) return new Applied(0, 0, 0);
        return inTransaction(c -> apply(c, group, records));
    }

    /**
     * Rolls up events delivered over HTTP ({@code POST /internal/usage}, the standalone platform), each an encoded event,
     * in one transaction. They carry no offsets: the sender does not retry, so nothing arrives twice.
     *
     * @throws IllegalStateException when the database fails: nothing of the delivery is kept
     */
    public Applied applyDelivered(List<byte[]> encodedEvents) {
        if (encodedEvents.isEmpty()) return new Applied(0, 0, 0);
        return inTransaction(c -> {
            Batch batch = new Batch();
            for (byte[] value : encodedEvents) batch.add(value, "a usage event delivered over HTTP");
            batch.write(c);
            return new Applied(batch.rolled, 0, batch.bad);
        });
    }

    private Applied inTransaction(JdbcTransaction.Work<Applied> work) {
        Applied applied = JdbcTransaction.run(dataSource, "Rolling up usage records", work);
        rolledUp.increment(applied.rolledUp());
        duplicates.increment(applied.duplicates());
        invalid.increment(applied.invalid());
        return applied;
    }

    private Applied apply(Connection c, String group, List<ConsumerRecord<String, byte[]>> records) throws SQLException {
        Map<TopicPartition, Long> done = lockOffsets(c, group, records);
        Map<TopicPartition, Long> last = new HashMap<>();
        Batch batch = new Batch();
        int duplicate = 0;
        for (ConsumerRecord<String, byte[]> r : records) {
            TopicPartition tp = new TopicPartition(r.topic(), r.partition());
            Long before = done.get(tp);
            if (before != null && r.offset() <= before) {
                duplicate++;
                continue;
            }
            last.merge(tp, r.offset(), Math::max);
            batch.add(r.value(), "usage record %s-%d@%d".formatted(r.topic(), r.partition(), r.offset()));
        }
        batch.write(c);
        writeOffsets(c, group, last);
        return new Applied(batch.rolled, duplicate, batch.bad);
    }

    /** The sums of one transaction's events, by project and hour, written with one statement batch per table. */
    private final class Batch {
        final Map<HourKey, Sums> hours = new HashMap<>();
        final Map<RouteKey, Long> latencies = new HashMap<>();
        final Set<UserKey> users = new HashSet<>();
        int rolled, bad;

        /** Adds one encoded event; one that is not a valid usage event is counted and skipped. */
        void add(byte[] value, String what) {
            UsageEvent e;
            try {
                e = UsageEventCodec.decode(value == null ? new byte[0] : value);
            } catch (IllegalArgumentException ex) {
                LOG.warnf("Skipped %s: %s", what, ex.getMessage());
                bad++;
                return;
            }
            HourKey hour = new HourKey(e.tenant(), e.occurredAt().truncatedTo(ChronoUnit.HOURS));
            hours.computeIfAbsent(hour, h -> new Sums()).add(e);
            if (e.kind() == UsageEvent.Kind.REQUEST) {
                latencies.merge(new RouteKey(hour, e.route(), LatencyBuckets.boundOf(e.latencyMs())), 1L, Long::sum);
            }
            if (e.userId() != null) users.add(new UserKey(hour, sha256(e.userId())));
            rolled++;
        }

        void write(Connection c) throws SQLException {
            writeHours(c, hours);
            writeLatencies(c, latencies);
            writeUsers(c, users);
        }
    }

    /**
     * The recorded offsets of the batch's partitions, locked for this transaction: two consumers that briefly hold one
     * partition during a rebalance roll its records up one after the other, and the second sees them as duplicates.
     */
    private Map<TopicPartition, Long> lockOffsets(Connection c, String group, List<ConsumerRecord<String, byte[]>> records)
            throws SQLException {
        Set<TopicPartition> partitions = new HashSet<>();
        records.forEach(r -> partitions.add(new TopicPartition(r.topic(), r.partition())));
        try (PreparedStatement insert = c.prepareStatement(insertOffset)) {
            for (TopicPartition tp : partitions) {
                insert.setString(1, group);
                insert.setString(2, tp.topic());
                insert.setInt(3, tp.partition());
                insert.setLong(4, -1);
                insert.addBatch();
            }
            insert.executeBatch();
        }
        Map<TopicPartition, Long> offsets = new HashMap<>();
        try (PreparedStatement select = c.prepareStatement("""
                SELECT last_offset FROM dashboard.usage_offsets WHERE consumer_group = ? AND topic = ? AND kafka_partition = ? FOR UPDATE""")) {
            for (TopicPartition tp : partitions) {
                select.setString(1, group);
                select.setString(2, tp.topic());
                select.setInt(3, tp.partition());
                try (ResultSet rs = select.executeQuery()) {
                    rs.next();
                    offsets.put(tp, rs.getLong(1));
                }
            }
        }
        return offsets;
    }

    private void writeHours(Connection c, Map<HourKey, Sums> hours) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(upsertHour)) {
            for (Map.Entry<HourKey, Sums> entry : hours.entrySet()) {
                Sums s = entry.getValue();
                int i = hourKey(ps, entry.getKey());
                for (long v : new long[]{s.requests, s.errors, s.adds, s.searches, s.created, s.updated, s.superseded, s.deleted,
                        s.prompt, s.completion, s.context, s.raw, s.positive, s.negative, s.veryNegative, s.cleared}) { // the order of HOUR_SUMS
                    ps.setLong(i++, v);
                }
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    private void writeLatencies(Connection c, Map<RouteKey, Long> latencies) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(upsertLatency)) {
            for (Map.Entry<RouteKey, Long> entry : latencies.entrySet()) {
                int i = hourKey(ps, entry.getKey().hour());
                ps.setString(i++, truncate(entry.getKey().route(), 256));
                ps.setInt(i++, entry.getKey().boundMs());
                ps.setLong(i, entry.getValue());
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    private void writeUsers(Connection c, Set<UserKey> users) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(insertUser)) {
            for (UserKey u : users) {
                int i = hourKey(ps, u.hour());
                ps.setBytes(i, HexFormat.of().parseHex(u.userHash()));
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    private static void writeOffsets(Connection c, String group, Map<TopicPartition, Long> last) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                UPDATE dashboard.usage_offsets SET last_offset = GREATEST(last_offset, ?)
                WHERE consumer_group = ? AND topic = ? AND kafka_partition = ?""")) {
            for (Map.Entry<TopicPartition, Long> e : last.entrySet()) {
                ps.setLong(1, e.getValue());
                ps.setString(2, group);
                ps.setString(3, e.getKey().topic());
                ps.setInt(4, e.getKey().partition());
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    /** Sets org, project and bucket as the first three parameters; returns the next parameter index. */
    private static int hourKey(PreparedStatement ps, HourKey key) throws SQLException {
        ps.setString(1, key.tenant().orgId());
        ps.setString(2, key.tenant().projectId());
        ps.setObject(3, OffsetDateTime.ofInstant(key.bucket(), ZoneOffset.UTC));
        return 4;
    }

    private static String truncate(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max);
    }

    private static String sha256(String userId) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(userId.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
