package dev.engram.testing.postgres;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/**
 * Points a {@code @QuarkusTest} application's default datasource at a real PostgreSQL server, the one shared by the test
 * JVM ({@link PostgresServer#shared()}), in a database of its own name (init arg {@code database}, default
 * {@value #DEFAULT_DATABASE}), created if missing.
 *
 * <pre>{@code
 * @QuarkusTest
 * @QuarkusTestResource(value = PostgresTestResource.class, restrictToAnnotatedClass = true,
 *         initArgs = @ResourceArg(name = "database", value = "gateway"))
 * class MemoryResourceTest { @InjectPostgres PostgresServer postgres; ... }
 * }</pre>
 *
 * <p>The server outlives {@link #stop()}: other test classes of the JVM reuse it, and its shutdown hook stops it.
 */
public class PostgresTestResource implements QuarkusTestResourceLifecycleManager {

    public static final String DEFAULT_DATABASE = "engram";

    private String database = DEFAULT_DATABASE;
    private PostgresServer server;

    @Override
    public void init(Map<String, String> initArgs) {
        database = initArgs.getOrDefault("database", DEFAULT_DATABASE);
    }

    @Override
    public Map<String, String> start() {
        server = PostgresServer.shared();
        server.createDatabaseIfMissing(database);
        return Map.of(
                "quarkus.datasource.jdbc.url", server.jdbcUrl(database),
                "quarkus.datasource.username", server.username(),
                "quarkus.datasource.password", server.password(),
                "quarkus.datasource.devservices.enabled", "false");
    }

    @Override
    public void inject(TestInjector testInjector) {
        testInjector.injectIntoFields(server, new TestInjector.AnnotatedAndMatchesType(InjectPostgres.class, PostgresServer.class));
    }

    @Override
    public void stop() {
        // shared for the JVM: stopped by its shutdown hook
    }
}
