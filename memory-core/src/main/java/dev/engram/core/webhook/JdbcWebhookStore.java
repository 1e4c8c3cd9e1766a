package dev.engram.core.webhook;

import dev.engram.core.domain.Tenant;
import dev.engram.core.error.StorageException;
import dev.engram.core.store.jdbc.JdbcDatabase;
import dev.engram.core.store.jdbc.SchemaMigrator;
import dev.engram.core.tenant.JdbcApiKeyStore;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * {@link WebhookStore} on the tenant directory's database (tables {@code webhooks} and {@code webhook_deliveries}), in
 * plain JDBC that H2, SQLite and PostgreSQL all understand: ids as UUID text, instants as JDBC timestamps, the active
 * flag as 0/1. On the embedded database the directory's migration creates the tables ({@code db/embedded-tenant/V3});
 * on PostgreSQL Flyway does ({@code db/postgresql/V4}).
 */
public final class JdbcWebhookStore implements WebhookStore {

    private static final String WEBHOOK_COLUMNS =
            "SELECT id, org_id, project_id, name, url, event_types, secret, is_active, created_at, updated_at FROM webhooks";
    private static final String DELIVERY_COLUMNS = "SELECT id, webhook_id, org_id, project_id, event, payload, status, attempts, "
            + "next_attempt_at, last_status_code, last_error, created_at, delivered_at FROM webhook_deliveries";
    /** The longest error text kept per delivery. */
    static final int MAX_ERROR_LENGTH = 500;

    private final DataSource reads;
    private final DataSource writes;

    private JdbcWebhookStore(DataSource reads, DataSource writes) {
        this.reads = reads;
        this.writes = writes;
    }

    /** The store on an embedded tenant directory (H2 schema or SQLite file); migrates the directory's schema. */
    public static JdbcWebhookStore migrating(JdbcDatabase database) {
        new SchemaMigrator(database.dialect().tenantSchemaLocation(), JdbcApiKeyStore.SCHEMA_SCRIPTS).migrate(database);
        return new JdbcWebhookStore(database.reads(), database.writes());
    }

    /** The store on a database whose schema someone else migrates (Flyway on PostgreSQL). */
    public static JdbcWebhookStore onManagedSchema(DataSource dataSource) {
        return new JdbcWebhookStore(dataSource, dataSource);
    }

    @Override
    public Webhook create(Tenant tenant, String name, String url, Set<WebhookEventType> eventTypes, String secret, Instant at) {
        Webhook webhook = new Webhook(UUID.randomUUID(), tenant, name, url, eventTypes, secret, true, at, at);
        try (Connection c = writes.getConnection();
             PreparedStatement s = c.prepareStatement("INSERT INTO webhooks (id, org_id, project_id, name, url, event_types, secret, "
                     + "is_active, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            s.setString(1, webhook.id().toString());
            s.setString(2, tenant.orgId());
            s.setString(3, tenant.projectId());
            s.setString(4, name);
            s.setString(5, url);
            s.setString(6, types(webhook.eventTypes()));
            s.setString(7, secret);
            s.setInt(8, 1);
            s.setTimestamp(9, Timestamp.from(at));
            s.setTimestamp(10, Timestamp.from(at));
            s.executeUpdate();
            return webhook;
        } catch (SQLException e) {
            throw failure("create a webhook", e);
        }
    }

    @Override
    public List<Webhook> list(Tenant tenant) {
        return webhooks(WEBHOOK_COLUMNS + " WHERE org_id = ? AND project_id = ? ORDER BY created_at, id", tenant.orgId(), tenant.projectId());
    }

    @Override
    public Optional<Webhook> get(Tenant tenant, UUID id) {
        return webhooks(WEBHOOK_COLUMNS + " WHERE id = ? AND org_id = ? AND project_id = ?", id.toString(), tenant.orgId(),
                tenant.projectId()).stream().findFirst();
    }

    @Override
    public Optional<Webhook> update(Tenant tenant, UUID id, WebhookChange change, Instant at) {
        Optional<Webhook> found = get(tenant, id);
        if (found.isEmpty()) return found;
        Webhook w = found.get();
        Webhook changed = new Webhook(w.id(), tenant, change.name() != null ? change.name() : w.name(),
                change.url() != null ? change.url() : w.url(), change.eventTypes() != null ? change.eventTypes() : w.eventTypes(),
                w.secret(), change.active() != null ? change.active() : w.active(), w.createdAt(), at);
        try (Connection c = writes.getConnection();
             PreparedStatement s = c.prepareStatement("UPDATE webhooks SET name = ?, url = ?, event_types = ?, is_active = ?, "
                     + "updated_at = ? WHERE id = ? AND org_id = ? AND project_id = ?")) {
            s.setString(1, changed.name());
            s.setString(2, changed.url());
            s.setString(3, types(changed.eventTypes()));
            s.setInt(4, changed.active() ? 1 : 0);
            s.setTimestamp(5, Timestamp.from(at));
            s.setString(6, id.toString());
            s.setString(7, tenant.orgId());
            s.setString(8, tenant.projectId());
            return s.executeUpdate() > 0 ? Optional.of(changed) : Optional.empty();
        } catch (SQLException e) {
            throw failure("update a webhook", e);
        }
    }

    @Override
    public boolean delete(Tenant tenant, UUID id) {
        try {
            return inTransaction(c -> {
                int deleted;
                try (PreparedStatement s = c.prepareStatement("DELETE FROM webhooks WHERE id = ? AND org_id = ? AND project_id = ?")) {
                    s.setString(1, id.toString());
                    s.setString(2, tenant.orgId());
                    s.setString(3, tenant.projectId());
                    deleted = s.executeUpdate();
                }
                if (deleted == 0) return false;
                try (PreparedStatement s = c.prepareStatement("DELETE FROM webhook_deliveries WHERE webhook_id = ?")) {
                    s.setString(1, id.toString());
                    s.executeUpdate();
                }
                return true;
            });
        } catch (SQLException e) {
            throw failure("delete a webhook", e);
        }
    }

    @Override
    public int enqueue(Tenant tenant, List<OutboundEvent> events, Instant at) {
        if (events.isEmpty()) return 0;
        List<Webhook> hooks = list(tenant).stream().filter(Webhook::active).toList();
        if (hooks.isEmpty()) return 0;
        try {
            return inTransaction(c -> {
                int queued = 0;
                try (PreparedStatement s = c.prepareStatement("INSERT INTO webhook_deliveries (id, webhook_id, org_id, project_id, event, "
                        + "payload, status, attempts, next_attempt_at, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, 0, ?, ?)")) {
                    for (OutboundEvent event : events) {
                        for (Webhook hook : hooks) {
                            if (!hook.wants(event.type())) continue;
                            s.setString(1, UUID.randomUUID().toString());
                            s.setString(2, hook.id().toString());
                            s.setString(3, tenant.orgId());
                            s.setString(4, tenant.projectId());
                            s.setString(5, event.type().name());
                            s.setString(6, event.payload());
                            s.setString(7, DeliveryStatus.PENDING.name());
                            s.setTimestamp(8, Timestamp.from(at));
                            s.setTimestamp(9, Timestamp.from(at));
                            s.addBatch();
                            queued++;
                        }
                    }
                    if (queued > 0) s.executeBatch();
                }
                return queued;
            });
        } catch (SQLException e) {
            throw failure("queue webhook deliveries", e);
        }
    }

    @Override
    public List<WebhookDelivery> claimDue(Instant now, Duration lease, int limit) {
        List<WebhookDelivery> due = deliveries(DELIVERY_COLUMNS + " WHERE status = ? AND next_attempt_at <= ? ORDER BY next_attempt_at, created_at",
                limit, DeliveryStatus.PENDING.name(), Timestamp.from(now));
        List<WebhookDelivery> claimed = new ArrayList<>();
        Instant until = now.plus(lease);
        for (WebhookDelivery d : due) {
            try (Connection c = writes.getConnection();
                 PreparedStatement s = c.prepareStatement("UPDATE webhook_deliveries SET next_attempt_at = ? "
                         + "WHERE id = ? AND status = ? AND next_attempt_at = ?")) {
                s.setTimestamp(1, Timestamp.from(until));
                s.setString(2, d.id().toString());
                s.setString(3, DeliveryStatus.PENDING.name());
                s.setTimestamp(4, Timestamp.from(d.nextAttemptAt()));
                if (s.executeUpdate() > 0) claimed.add(d);
            } catch (SQLException e) {
                throw failure("claim a webhook delivery", e);
            }
        }
        return claimed;
    }

    @Override
    public void delivered(UUID deliveryId, int statusCode, Instant at) {
        finish(deliveryId, DeliveryStatus.DELIVERED, statusCode, null, null, at);
    }

    @Override
    public void attemptFailed(UUID deliveryId, Integer statusCode, String error, Instant retryAt, Instant at) {
        finish(deliveryId, retryAt == null ? DeliveryStatus.FAILED : DeliveryStatus.PENDING, statusCode,
                error == null ? "failed" : truncate(error), retryAt, null);
    }

    private void finish(UUID deliveryId, DeliveryStatus status, Integer statusCode, String error, Instant next, Instant deliveredAt) {
        try (Connection c = writes.getConnection();
             PreparedStatement s = c.prepareStatement("UPDATE webhook_deliveries SET status = ?, attempts = attempts + 1, "
                     + "last_status_code = ?, last_error = ?, next_attempt_at = ?, delivered_at = ? WHERE id = ?")) {
            s.setString(1, status.name());
            if (statusCode == null) s.setNull(2, Types.INTEGER);
            else s.setInt(2, statusCode);
            s.setString(3, error);
            s.setTimestamp(4, next == null ? null : Timestamp.from(next));
            s.setTimestamp(5, deliveredAt == null ? null : Timestamp.from(deliveredAt));
            s.setString(6, deliveryId.toString());
            s.executeUpdate();
        } catch (SQLException e) {
            throw failure("record a webhook delivery attempt", e);
        }
    }

    @Override
    public List<WebhookDelivery> deliveries(Tenant tenant, UUID webhookId, int limit) {
        return deliveries(DELIVERY_COLUMNS + " WHERE webhook_id = ? AND org_id = ? AND project_id = ? ORDER BY created_at DESC, id",
                limit, webhookId.toString(), tenant.orgId(), tenant.projectId());
    }

    private List<Webhook> webhooks(String sql, Object... params) {
        try (Connection c = reads.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            bind(s, params);
            List<Webhook> out = new ArrayList<>();
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    out.add(new Webhook(UUID.fromString(r.getString(1)), Tenant.of(r.getString(2), r.getString(3)), r.getString(4),
                            r.getString(5), types(r.getString(6)), r.getString(7), r.getInt(8) != 0, instant(r, 9), instant(r, 10)));
                }
            }
            return out;
        } catch (SQLException e) {
            throw failure("read webhooks", e);
        }
    }

    private List<WebhookDelivery> deliveries(String sql, int limit, Object... params) {
        try (Connection c = reads.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            bind(s, params);
            s.setMaxRows(limit);
            List<WebhookDelivery> out = new ArrayList<>();
            try (ResultSet r = s.executeQuery()) {
                while (r.next() && out.size() < limit) {
                    int code = r.getInt(10);
                    Integer statusCode = r.wasNull() ? null : code;
                    out.add(new WebhookDelivery(UUID.fromString(r.getString(1)), UUID.fromString(r.getString(2)),
                            Tenant.of(r.getString(3), r.getString(4)), WebhookEventType.valueOf(r.getString(5)), r.getString(6),
                            DeliveryStatus.valueOf(r.getString(7)), r.getInt(8), instant(r, 9), statusCode, r.getString(11),
                            instant(r, 12), instant(r, 13)));
                }
            }
            return out;
        } catch (SQLException e) {
            throw failure("read webhook deliveries", e);
        }
    }

    private static void bind(PreparedStatement s, Object... params) throws SQLException {
        for (int i = 0; i < params.length; i++) {
            if (params[i] instanceof Timestamp t) s.setTimestamp(i + 1, t);
            else s.setString(i + 1, (String) params[i]);
        }
    }

    private <T> T inTransaction(JdbcDatabase.SqlWork<T> work) throws SQLException {
        try (Connection c = writes.getConnection()) {
            c.setAutoCommit(false);
            try {
                T result = work.run(c);
                c.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                try {
                    c.rollback();
                } catch (SQLException suppressed) {
                    e.addSuppressed(suppressed);
                }
                throw e;
            } finally {
                c.setAutoCommit(true);
            }
        }
    }

    private static Instant instant(ResultSet r, int column) throws SQLException {
        Timestamp t = r.getTimestamp(column);
        return t == null ? null : t.toInstant();
    }

    private static String types(Set<WebhookEventType> types) {
        return types.stream().sorted().map(WebhookEventType::wireName).collect(Collectors.joining(","));
    }

    private static Set<WebhookEventType> types(String stored) {
        Set<WebhookEventType> out = EnumSet.noneOf(WebhookEventType.class);
        for (String s : stored.split(",")) if (!s.isBlank()) out.add(WebhookEventType.parse(s));
        return out;
    }

    private static String truncate(String error) {
        return error.length() <= MAX_ERROR_LENGTH ? error : error.substring(0, MAX_ERROR_LENGTH);
    }

    private static StorageException failure(String what, SQLException e) {
        return new StorageException("Cannot " + what + ": " + e.getMessage(), e);
    }
}
