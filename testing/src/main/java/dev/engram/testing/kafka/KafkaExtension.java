package dev.engram.testing.kafka;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Gives plain JUnit 5 tests the JVM's shared {@link KafkaBroker} as a parameter (constructor, lifecycle or test method):
 * {@code @ExtendWith(KafkaExtension.class) class QueueTest { @Test void t(KafkaBroker kafka) { ... } }}.
 * The broker is stopped when the JVM exits, not after the test class.
 */
public class KafkaExtension implements ParameterResolver {

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == KafkaBroker.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return KafkaBroker.shared();
    }
}
