package dev.engram.gateway.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithName;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** docs/configuration.md documents every property of {@link EngramConfig}: the reference cannot drift from the code. */
class ConfigurationReferenceTest {

    @Test
    void everyPropertyIsDocumented() throws IOException {
        String doc = Files.readString(Path.of("..", "docs", "configuration.md"));
        List<String> properties = new ArrayList<>();
        collect(EngramConfig.class, EngramConfig.class.getAnnotation(ConfigMapping.class).prefix(), properties);

        assertThat(properties).hasSizeGreaterThan(10);
        assertThat(properties).allSatisfy(p -> assertThat(doc).as("docs/configuration.md documents %s", p).contains("`" + p + "`"));
    }

    /** Leaf properties of a config mapping: nested interfaces of the mapping are groups, everything else a value. */
    private static void collect(Class<?> type, String prefix, List<String> out) {
        Method[] methods = type.getDeclaredMethods();
        Arrays.sort(methods, Comparator.comparing(Method::getName));
        for (Method m : methods) {
            if (m.isDefault() || m.isSynthetic() || java.lang.reflect.Modifier.isStatic(m.getModifiers())) continue;
            WithName name = m.getAnnotation(WithName.class);
            String property = prefix + "." + (name != null ? name.value() : kebab(m.getName()));
            Class<?> returned = m.getReturnType();
            if (returned.isInterface() && returned.getEnclosingClass() == EngramConfig.class) collect(returned, property, out);
            else out.add(property);
        }
    }

    private static String kebab(String camel) {
        return camel.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(java.util.Locale.ROOT);
    }
}
