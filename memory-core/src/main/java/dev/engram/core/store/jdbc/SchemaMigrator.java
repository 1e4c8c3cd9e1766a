package dev.engram.core.store.jdbc;

import dev.engram.core.error.ConfigurationException;
import dev.engram.core.error.StorageException;

import javax.sql.DataSource;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Brings a database to the newest schema this code knows, from versioned SQL scripts on the classpath
 * ({@code V1__memories.sql}, {@code V2__…}). The applied versions are kept in {@value #VERSION_TABLE}; each script runs
 * once, in order. A database whose schema is newer than the newest script was written by a newer Engram and is refused.
 *
 * <p>Scripts are plain SQL: statements end with {@code ;} and lines starting with {@code --} are comments.
 */
public final class SchemaMigrator {

    public static final String VERSION_TABLE = "engram_schema_version";

    private static final Pattern SCRIPT_NAME = Pattern.compile("V(\\d+)__[A-Za-z0-9_]+\\.sql");
    /** Migrations of one JVM run one at a time, so two stores opening the same database do not race. */
    private static final Object MIGRATION_LOCK = new Object();

    private final String location;
    private final List<String> scripts;

    /**
     * @param location classpath folder of the scripts, e.g. {@code db/embedded}
     * @param scripts  the script names, version 1 first, versions without gaps
     */
    public SchemaMigrator(String location, List<String> scripts) {
        this.location = location.endsWith("/") ? location : location + "/";
        this.scripts = List.copyOf(scripts);
        for (int i = 0; i < this.scripts.size(); i++) {
            if (versionOf(this.scripts.get(i)) != i + 1) {
                throw new IllegalArgumentException("Schema script " + (i + 1) + " must be named V" + (i + 1) + "__<name>.sql, not "
                        + this.scripts.get(i));
            }
        }
    }

    /** The newest schema version these scripts produce. */
    public int latestVersion() {
        return scripts.size();
    }

    /**
     * Applies the scripts the database has not had yet.
     *
     * @return the versions applied by this call, oldest first (empty when the schema was current)
     * @throws ConfigurationException if the database's schema is newer than {@link #latestVersion()}
     */
    public List<Integer> migrate(DataSource dataSource) {
        return migrate(dataSource, SqlDialect.H2);
    }

    /** {@link #migrate(DataSource)} on the database's writer connection, in its dialect. */
    public List<Integer> migrate(JdbcDatabase database) {
        return migrate(database.writes(), database.dialect());
    }

    private List<Integer> migrate(DataSource dataSource, SqlDialect dialect) {
        synchronized (MIGRATION_LOCK) {
            try (Connection connection = dataSource.getConnection()) {
                connection.setAutoCommit(true);
                try (Statement statement = connection.createStatement()) {
                    statement.execute(dialect.versionTableDdl(VERSION_TABLE));
                }
                int current = currentVersion(connection);
                if (current > latestVersion()) {
                    throw new ConfigurationException("The store's schema is version " + current + ", newer than version "
                            + latestVersion() + " that this Engram knows: run a newer Engram, or point it at another data directory");
                }
                List<Integer> applied = new ArrayList<>();
                for (int version = current + 1; version <= latestVersion(); version++) {
                    apply(connection, dialect, version, scripts.get(version - 1));
                    applied.add(version);
                }
                return applied;
            } catch (SQLException e) {
                throw new StorageException("Cannot migrate the store's schema: " + e.getMessage(), e);
            }
        }
    }

    /** The version recorded in the database, 0 for a new one. */
    public static int currentVersion(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement();
             ResultSet row = statement.executeQuery("SELECT MAX(version) FROM " + VERSION_TABLE)) {
            row.next();
            return row.getInt(1);
        }
    }

    /** Runs one script and records it, in one transaction where the database makes DDL transactional (SQLite; H2 does not). */
    private void apply(Connection connection, SqlDialect dialect, int version, String script) throws SQLException {
        List<String> statements = statementsOf(readScript(script));
        connection.setAutoCommit(false);
        try (Statement statement = connection.createStatement()) {
            for (String sql : statements) statement.execute(sql);
            try (var record = connection.prepareStatement("INSERT INTO " + VERSION_TABLE + " (version, script, applied_at) VALUES (?, ?, ?)")) {
                record.setInt(1, version);
                record.setString(2, script);
                record.setObject(3, dialect.toJdbc(Instant.now()));
                record.executeUpdate();
            }
            connection.commit();
        } catch (SQLException | RuntimeException e) {
            connection.rollback();
            throw e;
        } finally {
            connection.setAutoCommit(true);
        }
    }

    private String readScript(String script) {
        String path = location + script;
        try (InputStream in = SchemaMigrator.class.getClassLoader().getResourceAsStream(path)) {
            if (in == null) throw new ConfigurationException("Schema script " + path + " is missing from the classpath");
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new ConfigurationException("Cannot read schema script " + path, e);
        }
    }

    /** Splits a script into statements: comment lines dropped, statements ended by {@code ;}. */
    static List<String> statementsOf(String script) {
        StringBuilder withoutComments = new StringBuilder();
        for (String line : script.split("\\R")) {
            String trimmed = line.strip();
            if (!trimmed.startsWith("--")) withoutComments.append(line).append('\n');
        }
        List<String> statements = new ArrayList<>();
        for (String part : withoutComments.toString().split(";")) {
            String sql = part.strip();
            if (!sql.isEmpty()) statements.add(sql);
        }
        return statements;
    }

    private static int versionOf(String script) {
        Matcher matcher = SCRIPT_NAME.matcher(script);
        if (!matcher.matches()) throw new IllegalArgumentException("Not a schema script name (V<n>__<name>.sql): " + script);
        return Integer.parseInt(matcher.group(1));
    }
}
