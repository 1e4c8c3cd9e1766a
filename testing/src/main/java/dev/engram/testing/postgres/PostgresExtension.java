package dev.engram.testing.postgres;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Gives plain JUnit 5 tests the JVM's shared {@link PostgresServer} as a parameter (constructor, lifecycle or test method):
 * {@code @ExtendWith(PostgresExtension.class) class StoreTest { @Test void t(PostgresServer postgres) { ... } }}.
 * The server is stopped when the JVM exits, not after the test class.
 */
public class PostgresExtension implements ParameterResolver {

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == PostgresServer.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return PostgresServer.shared();
    }
}
