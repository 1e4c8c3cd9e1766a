package dev.engram.core.platform;

import dev.engram.core.export.ExportJobStore;
import dev.engram.core.export.JdbcExportJobStore;
import dev.engram.core.feedback.FeedbackStore;
import dev.engram.core.feedback.JdbcFeedbackStore;
import dev.engram.core.ingest.EventStore;
import dev.engram.core.profile.JdbcProfileStore;
import dev.engram.core.profile.ProfileStore;
import dev.engram.core.spi.MemoryStore;
import dev.engram.core.store.jdbc.JdbcEventStore;
import dev.engram.core.store.jdbc.JdbcMemoryStore;
import dev.engram.core.tenant.ApiKeyStore;
import dev.engram.core.tenant.JdbcApiKeyStore;
import dev.engram.core.webhook.JdbcWebhookStore;
import dev.engram.core.webhook.WebhookStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The stores of one system of record: memories and history, ingest events, and the tenant directory (projects and API
 * keys) with the projects' webhooks and their outbox, their memory export jobs, the users' profiles with their jobs and
 * settings, and the feedback on memories. The apps' producers build one per process, with {@link #embedded} or
 * the platform module's {@code PostgresStores}, and close it last.
 *
 * @param resources what to close with the stores (the embedded database; nothing for PostgreSQL, whose pool the
 *                  framework owns)
 */
public record PlatformStores(MemoryStore memories, EventStore events, ApiKeyStore keys, WebhookStore webhooks,
                             ExportJobStore exports, ProfileStore profiles, FeedbackStore feedback, AutoCloseable resources)
        implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(PlatformStores.class);

    /** Every store on one embedded database, which the stores close with them. */
    public static PlatformStores embedded(EmbeddedDatabase database) {
        try {
            return new PlatformStores(new JdbcMemoryStore(database.store()), new JdbcEventStore(database.store()),
                    JdbcApiKeyStore.migrating(database.tenantDirectory()), JdbcWebhookStore.migrating(database.tenantDirectory()),
                    JdbcExportJobStore.migrating(database.tenantDirectory()), JdbcProfileStore.migrating(database.tenantDirectory()),
                    JdbcFeedbackStore.migrating(database.tenantDirectory()), database);
        } catch (RuntimeException e) {
            database.close();
            throw e;
        }
    }

    public void close() {
        try {
            resources.close();
        } catch (Exception e) {
            LOG.warn("Closing the platform's stores failed", e);
        }
    }
}
