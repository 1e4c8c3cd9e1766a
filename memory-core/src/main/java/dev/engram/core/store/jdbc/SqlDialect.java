package dev.engram.core.store.jdbc;

import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteException;

import java.nio.ByteBuffer;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLIntegrityConstraintViolationException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * The SQL the embedded stores speak, per database. The stores' statements are the same on both; what differs is here:
 * how values are encoded, the upsert, row locks, the duplicate-key error and the schema scripts.
 *
 * <ul>
 *   <li>{@link #H2}: native types ({@code UUID}, {@code TIMESTAMP(3) WITH TIME ZONE}, {@code DATE}, {@code BOOLEAN}).
 *       Kept to read data directories written before SQLite, and selectable ({@code engram.storage.embedded-database}).</li>
 *   <li>{@link #SQLITE}: compact encodings: UUIDs as 16-byte blobs (most significant half first), instants as epoch
 *       milliseconds, dates as ISO text ({@code 2026-01-31}), booleans as 0/1, JSON as text. Rows are written through one
 *       writer connection ({@link SqliteDatabase}), so there is no row lock: a transaction already excludes every other
 *       writer.</li>
 * </ul>
 */
public enum SqlDialect {

    H2("db/embedded", "db/embedded-tenant"),
    SQLITE("db/embedded-sqlite", "db/embedded-sqlite-tenant");

    private static final String H2_UNIQUE_VIOLATION = "23505";

    private final String schemaLocation;
    private final String tenantSchemaLocation;

    SqlDialect(String schemaLocation, String tenantSchemaLocation) {
        this.schemaLocation = schemaLocation;
        this.tenantSchemaLocation = tenantSchemaLocation;
    }

    /** Classpath folder of the memory and event tables' scripts ({@code V1__memories.sql}, {@code V2__events.sql}). */
    public String schemaLocation() {
        return schemaLocation;
    }

    /** Classpath folder of the tenant directory's scripts (projects and API keys). */
    public String tenantSchemaLocation() {
        return tenantSchemaLocation;
    }

    /** The value bound for {@code value}: instants, UUIDs, dates, booleans and enums in this database's encoding. */
    Object toJdbc(Object value) {
        return switch (value) {
            case null -> null;
            case Enum<?> constant -> constant.name();
            case Instant instant -> this == H2 ? instant.atOffset(ZoneOffset.UTC) : instant.toEpochMilli();
            case UUID uuid -> this == H2 ? uuid : bytes(uuid);
            case LocalDate date -> this == H2 ? date : date.toString();
            case Boolean flag -> this == H2 ? flag : (flag ? 1 : 0);
            default -> value;
        };
    }

    UUID uuid(ResultSet row, int column) throws SQLException {
        if (this == H2) return row.getObject(column, UUID.class);
        byte[] bytes = row.getBytes(column);
        if (bytes == null) return null;
        if (bytes.length != 16) throw new SQLException("Column " + column + " holds " + bytes.length + " bytes, not a 16-byte UUID");
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        return new UUID(buffer.getLong(), buffer.getLong());
    }

    Instant instant(ResultSet row, int column) throws SQLException {
        if (this == H2) {
            OffsetDateTime value = row.getObject(column, OffsetDateTime.class);
            return value == null ? null : value.toInstant();
        }
        long millis = row.getLong(column);
        return row.wasNull() ? null : Instant.ofEpochMilli(millis);
    }

    LocalDate date(ResultSet row, int column) throws SQLException {
        if (this == H2) return row.getObject(column, LocalDate.class);
        String text = row.getString(column);
        return text == null ? null : LocalDate.parse(text);
    }

    /**
     * Inserts a row into {@code table}, or replaces the row with the same {@code key} columns. The statement's
     * parameters are {@code columns} in order.
     */
    String upsert(String table, List<String> columns, List<String> key) {
        String names = String.join(", ", columns);
        String values = TenantSql.placeholders(columns.size());
        if (this == H2) {
            return "MERGE INTO " + table + " (" + names + ") KEY (" + String.join(", ", key) + ") VALUES (" + values + ")";
        }
        String updates = columns.stream().filter(c -> !key.contains(c)).map(c -> c + " = excluded." + c)
                .collect(Collectors.joining(", "));
        return "INSERT INTO " + table + " (" + names + ") VALUES (" + values + ") ON CONFLICT (" + String.join(", ", key)
                + ") DO UPDATE SET " + updates;
    }

    /** The clause that locks the rows a SELECT reads until the transaction ends, or null where writers never overlap. */
    String lockForUpdate() {
        return this == H2 ? "FOR UPDATE" : null;
    }

    /** Whether {@code e} says a primary key or unique constraint was violated. */
    boolean isDuplicate(SQLException e) {
        if (this == H2) {
            return e instanceof SQLIntegrityConstraintViolationException && H2_UNIQUE_VIOLATION.equals(e.getSQLState());
        }
        return e instanceof SQLiteException sqlite && (sqlite.getResultCode() == SQLiteErrorCode.SQLITE_CONSTRAINT_PRIMARYKEY
                || sqlite.getResultCode() == SQLiteErrorCode.SQLITE_CONSTRAINT_UNIQUE);
    }

    /** DDL of {@link SchemaMigrator}'s version table. */
    String versionTableDdl(String table) {
        return this == H2
                ? "CREATE TABLE IF NOT EXISTS " + table + " (version INT PRIMARY KEY, script VARCHAR(256) NOT NULL, "
                + "applied_at TIMESTAMP WITH TIME ZONE NOT NULL)"
                : "CREATE TABLE IF NOT EXISTS " + table + " (version INTEGER PRIMARY KEY, script TEXT NOT NULL, applied_at INTEGER NOT NULL)";
    }

    private static byte[] bytes(UUID uuid) {
        return ByteBuffer.allocate(16).putLong(uuid.getMostSignificantBits()).putLong(uuid.getLeastSignificantBits()).array();
    }
}
