/**
 * The stores on PostgreSQL for the Quarkus apps: {@link dev.engram.platform.store.postgres.PanacheMemoryStore} and
 * {@link dev.engram.platform.store.postgres.PanacheEventStore}, CDI beans on Hibernate ORM with Panache.
 *
 * <p>Quarkus, Hibernate and Jakarta are {@code provided} dependencies of memory-core: an app that uses this package
 * adds {@code quarkus-hibernate-orm-panache}, {@code quarkus-jdbc-postgresql} and {@code quarkus-flyway} (with
 * {@code flyway-database-postgresql}), indexes memory-core ({@code quarkus.index-dependency.memory-core.*}), lets
 * Flyway apply {@code db/postgresql} and has Hibernate validate it
 * ({@code quarkus.hibernate-orm.schema-management.strategy=validate}); see ingest-worker's
 * {@code application.properties}. The embedded library never loads these classes.
 *
 * <p>Tenant isolation lives in {@link dev.engram.platform.store.postgres.TenantScoped}: the stores query, count and delete
 * only through {@code repository.of(tenant)}, which adds the tenant's ids to every condition.
 */
package dev.engram.platform.store.postgres;
