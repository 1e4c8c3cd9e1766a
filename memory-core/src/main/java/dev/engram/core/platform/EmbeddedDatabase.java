package dev.engram.core.platform;

import dev.engram.core.error.ConfigurationException;
import dev.engram.core.error.StorageException;
import dev.engram.core.store.jdbc.JdbcDatabase;
import dev.engram.core.store.jdbc.SqlDialect;
import dev.engram.core.store.jdbc.SqliteDatabase;
import org.h2.jdbcx.JdbcConnectionPool;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The standalone platform's database under {@code <data-dir>/store}, opened once per process and shared by the memory
 * store, the event store and the tenant directory (projects and API keys, kept apart so the two migrate independently).
 *
 * <ul>
 *   <li>{@link SqlDialect#SQLITE} (the default): {@value #SQLITE_STORE_FILE} for memories, history and events,
 *       {@value #SQLITE_DIRECTORY_FILE} for the tenant directory, each with one writer and a few readers
 *       ({@link SqliteDatabase}). A store directory that still holds the H2 database is migrated first
 *       ({@link H2StoreMigration}).</li>
 *   <li>{@link SqlDialect#H2}: one H2 file {@code engram.mv.db}, the directory in its schema {@value #H2_DIRECTORY_SCHEMA}.
 *       {@code DB_CLOSE_ON_EXIT=FALSE}: H2's own JVM shutdown hook would otherwise close the database under an ingest
 *       queue still draining on SIGTERM; the owner closes it after the queue.</li>
 * </ul>
 */
public final class EmbeddedDatabase implements AutoCloseable {

    public static final String SQLITE_STORE_FILE = "engram.db";
    public static final String SQLITE_DIRECTORY_FILE = "directory.db";
    /** The H2 database's base name: its file is {@code engram.mv.db}. */
    static final String H2_NAME = "engram";
    /**
     * The H2 tenant directory's schema. Named after the gateway, its first owner, so data directories created before
     * the directory moved to memory-core keep their keys.
     */
    static final String H2_DIRECTORY_SCHEMA = "GATEWAY";
    private static final int DIRECTORY_CONNECTIONS = 4;

    private final JdbcDatabase store;
    private final JdbcDatabase directory;
    private final List<AutoCloseable> resources;

    private EmbeddedDatabase(JdbcDatabase store, JdbcDatabase directory, List<AutoCloseable> resources) {
        this.store = store;
        this.directory = directory;
        this.resources = resources;
    }

    /**
     * Opens (or creates) the database in {@code directory}.
     *
     * @param maxConnections connections of the store (on SQLite: one writer, the rest readers)
     */
    public static EmbeddedDatabase open(Path directory, SqlDialect dialect, int maxConnections) {
        return switch (dialect) {
            case H2 -> openH2(directory, maxConnections);
            case SQLITE -> {
                H2StoreMigration.migrateIfPresent(directory);
                yield openSqlite(directory, directory.resolve(SQLITE_STORE_FILE), directory.resolve(SQLITE_DIRECTORY_FILE), maxConnections);
            }
        };
    }

    /**
     * Migrates an H2 store in {@code directory} to SQLite if there is one ({@link H2StoreMigration}); for stores opened
     * without this class (the embedded library's {@code JdbcMemoryStore.openSqlite}).
     */
    public static void migrateFromH2(Path directory) {
        H2StoreMigration.migrateIfPresent(directory);
    }

    /** The SQLite database in the given files (the migration writes to temporary names). */
    static EmbeddedDatabase openSqlite(Path directory, Path storeFile, Path directoryFile, int maxConnections) {
        SqliteDatabase store = SqliteDatabase.open(storeFile, Math.max(1, maxConnections - 1));
        try {
            SqliteDatabase tenants = SqliteDatabase.open(directoryFile, DIRECTORY_CONNECTIONS - 1);
            return new EmbeddedDatabase(store.database(), tenants.database(), List.of(tenants, store));
        } catch (RuntimeException e) {
            store.close();
            throw e;
        }
    }

    /** Opens (or creates) the H2 database file {@code <directory>/engram}; only one process may have it open. */
    static EmbeddedDatabase openH2(Path directory, int maxConnections) {
        Path file = directory.toAbsolutePath().resolve(H2_NAME);
        if (file.toString().indexOf(';') >= 0) { // ';' would start H2 URL settings
            throw new ConfigurationException("The data directory must not contain ';': " + directory);
        }
        try {
            Files.createDirectories(directory);
        } catch (IOException e) {
            throw new StorageException("Cannot create the store directory " + directory, e);
        }
        String url = "jdbc:h2:file:" + file + ";WRITE_DELAY=0;DB_CLOSE_ON_EXIT=FALSE";
        JdbcConnectionPool pool = JdbcConnectionPool.create(url, "sa", "");
        pool.setMaxConnections(maxConnections);
        JdbcConnectionPool schema = JdbcConnectionPool.create(url + ";INIT=CREATE SCHEMA IF NOT EXISTS " + H2_DIRECTORY_SCHEMA
                + "\\;SET SCHEMA " + H2_DIRECTORY_SCHEMA, "sa", "");
        schema.setMaxConnections(DIRECTORY_CONNECTIONS);
        List<AutoCloseable> resources = new ArrayList<>();
        resources.add(schema::dispose);
        resources.add(pool::dispose);
        return new EmbeddedDatabase(JdbcDatabase.h2(pool), JdbcDatabase.h2(schema), resources);
    }

    /** Memories, history and events. */
    public JdbcDatabase store() {
        return store;
    }

    /** The tenant directory: projects and API keys. */
    public JdbcDatabase tenantDirectory() {
        return directory;
    }

    @Override
    public synchronized void close() {
        RuntimeException failure = null;
        for (AutoCloseable resource : resources) {
            try {
                resource.close();
            } catch (Exception e) {
                if (failure == null) failure = new StorageException("Cannot close the embedded database: " + e.getMessage(), e);
                else failure.addSuppressed(e);
            }
        }
        if (failure != null) throw failure;
    }
}
