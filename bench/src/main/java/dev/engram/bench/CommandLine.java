package dev.engram.bench;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * {@code --name value} / {@code --name=value} options of the bench tools, checked against the names a tool accepts so
 * a typo fails loudly instead of silently running with a default.
 */
final class CommandLine {

    private final Map<String, String> values;

    private CommandLine(Map<String, String> values) {
        this.values = values;
    }

    /** @throws IllegalArgumentException on an unknown option or one without a value */
    static CommandLine parse(String[] args, Set<String> accepted) {
        var values = new LinkedHashMap<String, String>();
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (a.isBlank()) continue;
            if (!a.startsWith("--")) throw new IllegalArgumentException("unexpected argument '" + a + "'");
            String name, value;
            int eq = a.indexOf('=');
            if (eq > 0) {
                name = a.substring(2, eq);
                value = a.substring(eq + 1);
            } else {
                name = a.substring(2);
                if (i + 1 >= args.length || args[i + 1].startsWith("--")) throw new IllegalArgumentException("--" + name + " needs a value");
                value = args[++i];
            }
            if (!accepted.contains(name)) throw new IllegalArgumentException("unknown option --" + name + " (accepted: " + accepted + ")");
            values.put(name, value);
        }
        return new CommandLine(values);
    }

    String get(String name, String fallback) {
        return values.getOrDefault(name, fallback);
    }

    boolean has(String name) {
        return values.containsKey(name);
    }

    int intValue(String name, int fallback) {
        String v = values.get(name);
        if (v == null) return fallback;
        try {
            int n = Integer.parseInt(v.replace("_", ""));
            if (n <= 0) throw new NumberFormatException();
            return n;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--" + name + " must be a positive integer, got '" + v + "'");
        }
    }
}
