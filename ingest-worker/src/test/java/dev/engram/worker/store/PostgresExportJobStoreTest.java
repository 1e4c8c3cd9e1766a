package dev.engram.worker.store;

import dev.engram.core.export.AbstractExportJobStoreContractTest;
import dev.engram.core.export.ExportJobStore;
import dev.engram.core.export.JdbcExportJobStore;
import dev.engram.testing.postgres.PostgresTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;

import javax.sql.DataSource;

/** The export job store contract on a real PostgreSQL, on the table Flyway created (db/postgresql V6). */
@QuarkusTest
@QuarkusTestResource(PostgresTestResource.class)
class PostgresExportJobStoreTest extends AbstractExportJobStoreContractTest {

    @Inject
    DataSource dataSource;

    @Override
    protected ExportJobStore createStore() {
        return JdbcExportJobStore.onManagedSchema(dataSource);
    }
}
