package dev.engram.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code --name value} / {@code --name=value} options of the bench tools, checked against the names a tool accepts so
 * a typo fails loudly instead of silently running with a default. An option given twice keeps every value
 * ({@link #all}); {@link #get} reads the last one.
 */
public final class CommandLine {

    private final Map<String, List<String>> values;

    private CommandLine(Map<String, List<String>> values) {
        this.values = values;
    }

    /** @throws IllegalArgumentException on an unknown option or one without a value */
    public static CommandLine parse(String[] args, Set<String> accepted) {
        var values = new LinkedHashMap<String, List<String>>();
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
            values.computeIfAbsent(name, n -> new ArrayList<>()).add(value);
        }
        return new CommandLine(values);
    }

    public String get(String name, String fallback) {
        List<String> all = values.get(name);
        return all == null ? fallback : all.getLast();
    }

    /** Every value of a repeatable option, in the order given; empty when absent. */
    public List<String> all(String name) {
        return values.getOrDefault(name, List.of());
    }

    public boolean has(String name) {
        return values.containsKey(name);
    }

    public int intValue(String name, int fallback) {
        String v = get(name, null);
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
