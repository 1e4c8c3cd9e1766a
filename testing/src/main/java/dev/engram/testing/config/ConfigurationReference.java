package dev.engram.testing.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithName;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * The leaf properties of an app's {@code @ConfigMapping}, so a test can check that {@code docs/configuration.md}
 * documents every one of them: the reference cannot drift from the code.
 */
public final class ConfigurationReference {

    private ConfigurationReference() {
    }

    /** Every property of the mapping, e.g. {@code engram.qdrant.port}; groups (nested Engram interfaces) are expanded. */
    public static List<String> properties(Class<?> mapping) {
        List<String> out = new ArrayList<>();
        collect(mapping, mapping.getAnnotation(ConfigMapping.class).prefix(), out);
        return out;
    }

    /** The properties of {@code mapping} that {@code doc} does not mention as {@code `property`}. */
    public static List<String> undocumented(Class<?> mapping, Path doc) {
        String text;
        try {
            text = Files.readString(doc);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return properties(mapping).stream().filter(p -> !text.contains("`" + p + "`")).toList();
    }

    private static void collect(Class<?> type, String prefix, List<String> out) {
        Method[] methods = type.getMethods();
        Arrays.sort(methods, Comparator.comparing(Method::getName));
        for (Method m : methods) {
            if (m.isDefault() || m.isSynthetic() || Modifier.isStatic(m.getModifiers()) || m.getDeclaringClass() == Object.class) continue;
            WithName name = m.getAnnotation(WithName.class);
            String property = prefix + "." + (name != null ? name.value() : kebab(m.getName()));
            Class<?> returned = m.getReturnType();
            if (isGroup(returned)) collect(returned, property, out);
            else out.add(property);
        }
    }

    /** A config group: one of the project's own interfaces (not a value type such as {@code Path} or {@code Optional}). */
    private static boolean isGroup(Class<?> type) {
        return type.isInterface() && type.getName().startsWith("dev.engram.");
    }

    private static String kebab(String camel) {
        return camel.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(Locale.ROOT);
    }
}
