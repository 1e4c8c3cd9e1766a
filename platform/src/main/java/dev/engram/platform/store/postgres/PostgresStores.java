package dev.engram.platform.store.postgres;

import dev.engram.core.platform.PlatformStores;
import dev.engram.core.profile.JdbcProfileStore;
import dev.engram.core.feedback.JdbcFeedbackStore;
import dev.engram.core.tenant.JdbcApiKeyStore;
import dev.engram.core.export.JdbcExportJobStore;
import dev.engram.core.webhook.JdbcWebhookStore;
import dev.engram.core.error.ConfigurationException;
import jakarta.enterprise.context.ApplicationScoped;
import io.quarkus.arc.InjectableInstance;
import jakarta.inject.Inject;

import javax.sql.DataSource;

/**
 * The PostgreSQL system of record as {@link PlatformStores}: the Panache memory and event stores and the tenant
 * directory on the app's default datasource, all on the schema Flyway migrates ({@code db/postgresql}). Looked up by
 * the apps' producers only when {@code engram.storage.kind=POSTGRES}, so an app running EMBEDDED never touches the
 * (inactive) datasource.
 */
@ApplicationScoped
public class PostgresStores {

    private final PanacheMemoryStore memories;
    private final PanacheEventStore events;
    // An Instance, not the bean: Quarkus initialises an injected datasource eagerly at start, and fails when it is
    // inactive (EMBEDDED); a lookup defers it to the POSTGRES case.
    private final InjectableInstance<DataSource> dataSource;

    @Inject
    public PostgresStores(PanacheMemoryStore memories, PanacheEventStore events, InjectableInstance<DataSource> dataSource) {
        this.memories = memories;
        this.events = events;
        this.dataSource = dataSource;
    }

    /** @throws ConfigurationException when the datasource is not configured ({@code quarkus.datasource.jdbc.url}) */
    public PlatformStores stores() {
        if (!dataSource.getHandle().getBean().isActive()) {
            throw new ConfigurationException("engram.storage.kind=POSTGRES needs quarkus.datasource.jdbc.url "
                    + "(QUARKUS_DATASOURCE_JDBC_URL), quarkus.datasource.username and quarkus.datasource.password");
        }
        return new PlatformStores(memories, events, JdbcApiKeyStore.onManagedSchema(dataSource.get()),
                JdbcWebhookStore.onManagedSchema(dataSource.get()), JdbcExportJobStore.onManagedSchema(dataSource.get()),
                JdbcProfileStore.onManagedSchema(dataSource.get()), JdbcFeedbackStore.onManagedSchema(dataSource.get()), () -> {
        });
    }
}
