package dev.engram.testing.support;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager.TestInjector;
import java.lang.reflect.Field;
import java.util.function.Predicate;

/** What Quarkus does with {@code inject(...)}: sets the matching fields of one test instance. */
public final class FieldInjector implements TestInjector {

    private final Object testInstance;

    public FieldInjector(Object testInstance) {
        this.testInstance = testInstance;
    }

    @Override
    public void injectIntoFields(Object fieldValue, Predicate<Field> predicate) {
        for (Field field : testInstance.getClass().getDeclaredFields()) {
            if (predicate.test(field)) {
                try {
                    field.setAccessible(true);
                    field.set(testInstance, fieldValue);
                } catch (IllegalAccessException e) {
                    throw new IllegalStateException(e);
                }
            }
        }
    }
}
