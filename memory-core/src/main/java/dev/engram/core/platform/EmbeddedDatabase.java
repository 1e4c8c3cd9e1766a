package dev.engram.core.platform;

import dev.engram.core.error.ConfigurationException;
import dev.engram.core.error.StorageException;
import org.h2.jdbcx.JdbcConnectionPool;

import javax.sql.DataSource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The standalone platform's database: one H2 file under {@code <data-dir>/store}, opened once per process and shared by
 * the memory store, the event store and the tenant directory (projects and API keys, in a schema of their own so the
 * two schemas migrate independently).
 *
 * <p>{@code DB_CLOSE_ON_EXIT=FALSE}: H2's own JVM shutdown hook would otherwise close the database under an ingest queue
 * still draining on SIGTERM; the owner closes it after the queue.
 */
public final class EmbeddedDatabase implements AutoCloseable {

    private static final Pattern SCHEMA_NAME = Pattern.compile("[A-Z][A-Z0-9_]{0,30}");

    private final String url;
    private final JdbcConnectionPool pool;
    private final List<JdbcConnectionPool> schemaPools = new ArrayList<>();

    private EmbeddedDatabase(String url, int maxConnections) {
        this.url = url;
        this.pool = JdbcConnectionPool.create(url, "sa", "");
        pool.setMaxConnections(maxConnections);
    }

    /** Opens (or creates) the database file {@code <directory>/engram}; only one process may have it open. */
    public static EmbeddedDatabase open(Path directory, int maxConnections) {
        Path file = directory.toAbsolutePath().resolve("engram");
        if (file.toString().indexOf(';') >= 0) { // ';' would start H2 URL settings
            throw new ConfigurationException("The data directory must not contain ';': " + directory);
        }
        try {
            Files.createDirectories(directory);
        } catch (IOException e) {
            throw new StorageException("Cannot create the store directory " + directory, e);
        }
        return new EmbeddedDatabase("jdbc:h2:file:" + file + ";WRITE_DELAY=0;DB_CLOSE_ON_EXIT=FALSE", maxConnections);
    }

    /** Connections in the default schema (memories, history, events). */
    public DataSource dataSource() {
        return pool;
    }

    /** Connections of the same database that start in {@code schema}, created when missing. */
    public synchronized DataSource schema(String schema, int maxConnections) {
        if (!SCHEMA_NAME.matcher(schema).matches()) throw new IllegalArgumentException("Bad schema name: " + schema);
        JdbcConnectionPool p = JdbcConnectionPool.create(url + ";INIT=CREATE SCHEMA IF NOT EXISTS " + schema + "\\;SET SCHEMA " + schema, "sa", "");
        p.setMaxConnections(maxConnections);
        schemaPools.add(p);
        return p;
    }

    @Override
    public synchronized void close() {
        schemaPools.forEach(JdbcConnectionPool::dispose);
        pool.dispose();
    }
}
