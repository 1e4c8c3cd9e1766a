/**
 * The SQL system of record ({@link dev.engram.core.store.jdbc.JdbcMemoryStore}) when embedded: SQLite (default) or H2,
 * the differences in {@link dev.engram.core.store.jdbc.SqlDialect}.
 *
 * <ul>
 *   <li><b>Schema</b>: versioned scripts per dialect in {@code src/main/resources/db/embedded} (H2) and
 *       {@code db/embedded-sqlite} (same versions), applied
 *       on open by {@link dev.engram.core.store.jdbc.SchemaMigrator}; a new version is a new script appended to
 *       {@link dev.engram.core.store.jdbc.JdbcMemoryStore#SCHEMA_SCRIPTS}, never an edit of an applied one.</li>
 *   <li><b>Tenant isolation</b>: every table starts with {@code (org_id, project_id)}; every statement is built by
 *       {@link dev.engram.core.store.jdbc.TenantSql}, which binds both from the tenant argument. The history's foreign
 *       key keeps an entry in its memory's tenant.</li>
 *   <li><b>Values</b>: instants truncated to milliseconds (like the in-memory store), on H2 as
 *       {@code TIMESTAMP(3) WITH TIME ZONE}, on SQLite as epoch milliseconds with UUIDs as 16-byte blobs;
 *       metadata/categories/sources as JSON text ({@link dev.engram.core.store.StoreJson}).</li>
 *   <li><b>Connections</b>: {@link dev.engram.core.store.jdbc.JdbcDatabase} separates readers from the writer; on SQLite
 *       ({@link dev.engram.core.store.jdbc.SqliteDatabase}) one writer connection takes every change.</li>
 * </ul>
 */
package dev.engram.core.store.jdbc;
