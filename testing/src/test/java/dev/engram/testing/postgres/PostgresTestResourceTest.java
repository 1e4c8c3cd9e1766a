package dev.engram.testing.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import dev.engram.testing.support.FieldInjector;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The lifecycle Quarkus drives (init, start, inject, stop), driven by hand. */
class PostgresTestResourceTest {

    @InjectPostgres
    PostgresServer injected;

    @Test
    void pointsTheDatasourceAtADatabaseOfTheSharedServer() throws Exception {
        PostgresTestResource resource = new PostgresTestResource();
        resource.init(Map.of("database", "gateway_test"));

        Map<String, String> config = resource.start();
        resource.inject(new FieldInjector(this));
        resource.stop();

        PostgresServer shared = PostgresServer.shared();
        assertThat(injected).isSameAs(shared);
        assertThat(config).containsEntry("quarkus.datasource.jdbc.url", shared.jdbcUrl("gateway_test"))
                .containsEntry("quarkus.datasource.username", shared.username())
                .containsEntry("quarkus.datasource.password", shared.password())
                .containsEntry("quarkus.datasource.devservices.enabled", "false");
        try (Connection connection = DriverManager.getConnection(config.get("quarkus.datasource.jdbc.url"),
                config.get("quarkus.datasource.username"), config.get("quarkus.datasource.password"));
             Statement statement = connection.createStatement();
             ResultSet database = statement.executeQuery("select current_database()")) {
            database.next();
            assertThat(database.getString(1)).isEqualTo("gateway_test");
        }

        PostgresTestResource defaults = new PostgresTestResource();
        defaults.init(Map.of());
        assertThat(defaults.start()).containsEntry("quarkus.datasource.jdbc.url",
                shared.jdbcUrl(PostgresTestResource.DEFAULT_DATABASE));
        PostgresTestResource sameDatabaseAgain = new PostgresTestResource();
        sameDatabaseAgain.init(Map.of("database", "gateway_test"));
        assertThat(sameDatabaseAgain.start()).isEqualTo(config);
    }
}
