/**
 * The SQL system of record ({@link dev.engram.core.store.jdbc.JdbcMemoryStore}), H2 when embedded.
 *
 * <ul>
 *   <li><b>Schema</b>: versioned scripts in {@code src/main/resources/db/embedded} ({@code V1__memories.sql}, …), applied
 *       on open by {@link dev.engram.core.store.jdbc.SchemaMigrator}; a new version is a new script appended to
 *       {@link dev.engram.core.store.jdbc.JdbcMemoryStore#SCHEMA_SCRIPTS}, never an edit of an applied one.</li>
 *   <li><b>Tenant isolation</b>: every table starts with {@code (org_id, project_id)}; every statement is built by
 *       {@link dev.engram.core.store.jdbc.TenantSql}, which binds both from the tenant argument. The history's foreign
 *       key keeps an entry in its memory's tenant.</li>
 *   <li><b>Values</b>: instants as {@code TIMESTAMP(3) WITH TIME ZONE} (truncated to milliseconds, like the in-memory
 *       store), metadata/categories/sources as JSON text ({@link dev.engram.core.store.StoreJson}).</li>
 * </ul>
 */
package dev.engram.core.store.jdbc;
