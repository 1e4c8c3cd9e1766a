package dev.engram.core.store.jdbc;

import dev.engram.core.error.StorageException;
import org.sqlite.SQLiteConfig;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * One SQLite database file as the embedded stores use it: one writer connection and a small pool of readers.
 *
 * <ul>
 *   <li><b>WAL</b> ({@code journal_mode=WAL}): readers never block the writer nor the writer the readers.</li>
 *   <li><b>{@code synchronous=NORMAL}</b>: a commit is in the WAL file (the operating system's cache) before it returns,
 *       so a killed process ({@code kill -9}) loses nothing committed; only a power loss or kernel crash can roll back
 *       the last commits before the next checkpoint's fsync. Adds are acknowledged by the ingest journal, which forces
 *       each record to disk before the acknowledgement and replays what the store has not marked done, so the store
 *       does not pay an fsync per commit ({@code FULL}) on the ingest path.</li>
 *   <li><b>One writer</b>: every change goes through the single writer connection, lent by a queue in the JVM, and a
 *       transaction starts with {@code BEGIN IMMEDIATE} (it takes the write lock at its start, so it never fails to upgrade
 *       a read lock half-way). Another process holding the lock is waited for up to the busy timeout.</li>
 *   <li>Foreign keys on; the WAL file is truncated back to {@value #JOURNAL_SIZE_LIMIT} bytes after a checkpoint.</li>
 * </ul>
 */
public final class SqliteDatabase implements AutoCloseable {

    static final int BUSY_TIMEOUT_MS = 10_000;
    static final int JOURNAL_SIZE_LIMIT = 64 * 1024 * 1024;
    private static final Duration LEND_TIMEOUT = Duration.ofSeconds(30);

    private final Path file;
    private final FixedConnectionPool writer;
    private final FixedConnectionPool readers;
    private final JdbcDatabase database;

    private SqliteDatabase(Path file, FixedConnectionPool writer, FixedConnectionPool readers) {
        this.file = file;
        this.writer = writer;
        this.readers = readers;
        this.database = new JdbcDatabase(SqlDialect.SQLITE, readers, writer);
    }

    /** Opens (or creates) the database {@code file} with one writer and {@code readers} reader connections. */
    public static SqliteDatabase open(Path file, int readers) {
        if (readers < 1) throw new IllegalArgumentException("readers must be positive");
        Path absolute = file.toAbsolutePath();
        try {
            Files.createDirectories(absolute.getParent());
        } catch (IOException e) {
            throw new StorageException("Cannot create the store directory " + absolute.getParent(), e);
        }
        String url = "jdbc:sqlite:" + absolute;
        List<Connection> opened = new ArrayList<>();
        try {
            opened.add(config(SQLiteConfig.TransactionMode.IMMEDIATE).createConnection(url)); // first: sets WAL on a new file
            for (int i = 0; i < readers; i++) opened.add(config(SQLiteConfig.TransactionMode.DEFERRED).createConnection(url));
        } catch (SQLException e) {
            for (Connection c : opened) {
                try {
                    c.close();
                } catch (SQLException suppressed) {
                    e.addSuppressed(suppressed);
                }
            }
            throw new StorageException("Cannot open the SQLite database " + absolute + ": " + e.getMessage(), e);
        }
        return new SqliteDatabase(absolute, new FixedConnectionPool("SQLite writer", opened.subList(0, 1), LEND_TIMEOUT),
                new FixedConnectionPool("SQLite reader", opened.subList(1, opened.size()), LEND_TIMEOUT));
    }

    private static SQLiteConfig config(SQLiteConfig.TransactionMode mode) {
        SQLiteConfig config = new SQLiteConfig();
        config.setJournalMode(SQLiteConfig.JournalMode.WAL);
        config.setSynchronous(SQLiteConfig.SynchronousMode.NORMAL);
        config.setBusyTimeout(BUSY_TIMEOUT_MS);
        config.enforceForeignKeys(true);
        config.setJournalSizeLimit(JOURNAL_SIZE_LIMIT);
        config.setTransactionMode(mode);
        return config;
    }

    /** The dialect and the reader and writer connections, for the stores. */
    public JdbcDatabase database() {
        return database;
    }

    public Path file() {
        return file;
    }

    /** Copies the WAL into the database file and truncates it (before the file is moved or measured). */
    public void checkpoint() {
        try (Connection c = writer.getConnection(); var statement = c.createStatement()) {
            statement.execute("PRAGMA wal_checkpoint(TRUNCATE)");
        } catch (SQLException e) {
            throw new StorageException("Cannot checkpoint " + file + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        try {
            try {
                readers.close();
            } finally {
                writer.close();
            }
        } catch (SQLException e) {
            throw new StorageException("Cannot close the SQLite database " + file + ": " + e.getMessage(), e);
        }
    }
}
