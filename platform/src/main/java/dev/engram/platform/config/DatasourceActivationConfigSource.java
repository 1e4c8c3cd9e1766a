package dev.engram.platform.config;

import io.smallrye.config.ConfigSourceContext;
import io.smallrye.config.ConfigSourceFactory;
import io.smallrye.config.ConfigValue;
import io.smallrye.config.common.MapBackedConfigSource;
import org.eclipse.microprofile.config.spi.ConfigSource;

import java.util.List;
import java.util.Map;

/**
 * Aligns Hibernate ORM and Flyway with the datasource: Quarkus deactivates a datasource that has no JDBC URL, but not
 * the persistence unit on it, so an app running EMBEDDED (no PostgreSQL configured) would fail at start. Here
 * {@code quarkus.hibernate-orm.active} and {@code quarkus.flyway.active} are true exactly when
 * {@code quarkus.datasource.jdbc.url} is set; {@code engram.storage.kind=POSTGRES} then requires it (the apps' storage
 * producers say so at start). The values have a low ordinal: anything the user sets explicitly wins.
 *
 * <p>Registered with {@code META-INF/services/io.smallrye.config.ConfigSourceFactory}; outside Quarkus it is unused.
 */
public final class DatasourceActivationConfigSource implements ConfigSourceFactory {

    /** Below application.properties (250) and the environment (300). */
    static final int ORDINAL = 110;
    static final String JDBC_URL = "quarkus.datasource.jdbc.url";

    @Override
    public Iterable<ConfigSource> getConfigSources(ConfigSourceContext context) {
        ConfigValue url = context.getValue(JDBC_URL);
        String active = Boolean.toString(url != null && url.getValue() != null && !url.getValue().isBlank());
        return List.of(new MapBackedConfigSource("engram datasource activation", Map.of(
                "quarkus.hibernate-orm.active", active,
                "quarkus.flyway.active", active), ORDINAL) {
        });
    }
}
