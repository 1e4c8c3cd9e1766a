package dev.engram.core.platform;

import dev.engram.core.error.StorageException;
import dev.engram.core.store.jdbc.JdbcMemoryStore;
import dev.engram.core.store.jdbc.JdbcStoreCopy;
import dev.engram.core.store.jdbc.SchemaMigrator;
import dev.engram.core.store.jdbc.SqlDialect;
import dev.engram.core.tenant.JdbcApiKeyStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;

/**
 * Moves a store directory written by the H2 embedded store to SQLite, once, before the SQLite database opens.
 *
 * <ol>
 *   <li>Nothing to do unless the directory holds {@code engram.mv.db}.</li>
 *   <li>Unless {@value EmbeddedDatabase#SQLITE_STORE_FILE} exists, the H2 data (memories, history, events, projects, API
 *       keys) is copied into {@code *.db.migrating} files, which are renamed to their final names when the copy is
 *       complete, the store file last. A migration cut short leaves no {@value EmbeddedDatabase#SQLITE_STORE_FILE}, so
 *       the next start deletes the temporary files and starts over from the untouched H2 database.</li>
 *   <li>The H2 files are then moved to {@code <data-dir>/store-h2-backup-<UTC time>} (also when a previous start was
 *       stopped between the rename and the move). One log line gives the counts.</li>
 * </ol>
 */
final class H2StoreMigration {

    private static final Logger LOG = LoggerFactory.getLogger(H2StoreMigration.class);

    static final String H2_FILE = EmbeddedDatabase.H2_NAME + ".mv.db";
    static final String BACKUP_PREFIX = "store-h2-backup-";
    static final String TEMPORARY_SUFFIX = ".migrating";
    /** SQLite's files beside a database file, by suffix. */
    private static final List<String> SQLITE_SIDECARS = List.of("-wal", "-shm", "-journal");
    /** H2's files of the database, the database itself last. */
    private static final List<String> H2_FILES = List.of(EmbeddedDatabase.H2_NAME + ".trace.db", EmbeddedDatabase.H2_NAME + ".lock.db", H2_FILE);
    private static final DateTimeFormatter BACKUP_TIME = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

    private H2StoreMigration() {
    }

    static void migrateIfPresent(Path directory) {
        migrateIfPresent(directory, Clock.systemUTC());
    }

    /** @return the backup folder the H2 files were moved to, or null when there was no H2 database */
    static Path migrateIfPresent(Path directory, Clock clock) {
        if (!Files.exists(directory.resolve(H2_FILE))) return null;
        try {
            String copied = Files.exists(directory.resolve(EmbeddedDatabase.SQLITE_STORE_FILE)) ? null : migrate(directory);
            Path backup = backUp(directory, clock);
            if (copied != null) LOG.info("Migrated the embedded store {} from H2 to SQLite: {}; the H2 files are in {}", directory, copied, backup);
            else LOG.info("Moved the H2 files of the already migrated store {} to {}", directory, backup);
            return backup;
        } catch (IOException e) {
            throw new StorageException("Cannot migrate the H2 store in " + directory + " to SQLite: " + e.getMessage(), e);
        }
    }

    /** Copies the H2 database into the SQLite files; returns the counts for the log. */
    private static String migrate(Path directory) throws IOException {
        long start = System.nanoTime();
        Path storeFile = directory.resolve(EmbeddedDatabase.SQLITE_STORE_FILE);
        Path directoryFile = directory.resolve(EmbeddedDatabase.SQLITE_DIRECTORY_FILE);
        Path temporaryStore = temporary(storeFile);
        Path temporaryDirectory = temporary(directoryFile);
        for (Path file : List.of(temporaryStore, temporaryDirectory, directoryFile)) deleteWithSidecars(file);

        JdbcStoreCopy.Counts counts;
        int[] keys;
        try (EmbeddedDatabase h2 = EmbeddedDatabase.openH2(directory, 4)) {
            // the H2 schemas at the newest version this code knows, as the H2 stores would leave them
            new SchemaMigrator(SqlDialect.H2.schemaLocation(), JdbcMemoryStore.SCHEMA_SCRIPTS).migrate(h2.store());
            JdbcApiKeyStore.migrating(h2.tenantDirectory());
            try (EmbeddedDatabase sqlite = EmbeddedDatabase.openSqlite(directory, temporaryStore, temporaryDirectory, 2)) {
                new SchemaMigrator(SqlDialect.SQLITE.schemaLocation(), JdbcMemoryStore.SCHEMA_SCRIPTS).migrate(sqlite.store());
                JdbcApiKeyStore.migrating(sqlite.tenantDirectory());
                counts = JdbcStoreCopy.copy(h2.store(), sqlite.store());
                keys = JdbcApiKeyStore.copy(h2.tenantDirectory().reads(), sqlite.tenantDirectory().writes());
            }
        }
        moveWithSidecars(temporaryDirectory, directoryFile);
        moveWithSidecars(temporaryStore, storeFile); // last: its presence means the migration is complete
        return counts.memories() + " memories, " + counts.history() + " history entries, " + counts.events() + " events of "
                + counts.tenants() + " tenants, " + keys[0] + " projects, " + keys[1] + " API keys in "
                + (System.nanoTime() - start) / 1_000_000 + " ms";
    }

    private static Path backUp(Path directory, Clock clock) throws IOException {
        Path backup = directory.toAbsolutePath().resolveSibling(BACKUP_PREFIX + BACKUP_TIME.format(clock.instant()));
        Files.createDirectories(backup);
        for (String name : H2_FILES) {
            Path file = directory.resolve(name);
            if (Files.exists(file)) Files.move(file, backup.resolve(name));
        }
        return backup;
    }

    private static Path temporary(Path file) {
        return file.resolveSibling(file.getFileName() + TEMPORARY_SUFFIX);
    }

    private static void deleteWithSidecars(Path file) throws IOException {
        for (String sidecar : SQLITE_SIDECARS) Files.deleteIfExists(file.resolveSibling(file.getFileName() + sidecar));
        Files.deleteIfExists(file);
    }

    /** Moves a closed SQLite database and any WAL beside it; the database file last. */
    private static void moveWithSidecars(Path from, Path to) throws IOException {
        for (String sidecar : SQLITE_SIDECARS) {
            Path source = from.resolveSibling(from.getFileName() + sidecar);
            Path target = to.resolveSibling(to.getFileName() + sidecar);
            if (Files.exists(source)) Files.move(source, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            else Files.deleteIfExists(target);
        }
        Files.move(from, to, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
