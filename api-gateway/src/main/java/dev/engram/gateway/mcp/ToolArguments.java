package dev.engram.gateway.mcp;

import dev.engram.core.error.ValidationException;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The arguments of one tool call, read strictly: an unknown argument or a value of the wrong type is a
 * {@link ValidationException} whose message names the argument, so the model can correct its call. The connection's
 * default user ({@link McpResource#USER_HEADER} or {@code ?user_id=}) stands in for a missing {@code user_id} where the
 * tool allows it.
 */
final class ToolArguments {

    private final String tool;
    private final Map<String, Object> values;
    private final String defaultUserId;

    ToolArguments(String tool, Map<String, Object> values, Set<String> allowed, String defaultUserId) {
        this.tool = tool;
        this.values = values == null ? Map.of() : values;
        this.defaultUserId = defaultUserId == null || defaultUserId.isBlank() ? null : defaultUserId.strip();
        for (String name : this.values.keySet()) {
            if (!allowed.contains(name)) {
                throw new ValidationException("Unknown argument '" + name + "' for " + tool + "; it takes " + String.join(", ", allowed.stream().sorted().toList()));
            }
        }
    }

    boolean has(String name) {
        return values.get(name) != null;
    }

    Object raw(String name) {
        return values.get(name);
    }

    /** A string argument, stripped; null when absent; blank counts as absent. */
    String string(String name) {
        Object v = values.get(name);
        if (v == null) return null;
        if (!(v instanceof String s)) throw new ValidationException(name + " must be a string");
        return s.isBlank() ? null : s.strip();
    }

    String requiredString(String name) {
        String s = string(name);
        if (s == null) throw new ValidationException(name + " is required (a non-empty string)");
        return s;
    }

    /** An integer argument within [min, max], or {@code fallback} when absent. */
    int integer(String name, int fallback, int min, int max) {
        Object v = values.get(name);
        if (v == null) return fallback;
        long n;
        if (v instanceof Number num && num.doubleValue() == Math.rint(num.doubleValue())) {
            n = num.longValue();
        } else {
            throw new ValidationException(name + " must be an integer between " + min + " and " + max);
        }
        if (n < min || n > max) throw new ValidationException(name + " must be between " + min + " and " + max + ", not " + n);
        return (int) n;
    }

    /** A number argument within [min, max], or null when absent. */
    Double number(String name, double min, double max) {
        Object v = values.get(name);
        if (v == null) return null;
        if (!(v instanceof Number num)) throw new ValidationException(name + " must be a number between " + min + " and " + max);
        double d = num.doubleValue();
        if (d < min || d > max) throw new ValidationException(name + " must be between " + min + " and " + max + ", not " + d);
        return d;
    }

    boolean bool(String name, boolean fallback) {
        Object v = values.get(name);
        if (v == null) return fallback;
        if (!(v instanceof Boolean b)) throw new ValidationException(name + " must be true or false");
        return b;
    }

    /** A JSON object argument, or null when absent. */
    @SuppressWarnings("unchecked")
    Map<String, Object> object(String name) {
        Object v = values.get(name);
        if (v == null) return null;
        if (!(v instanceof Map<?, ?> m)) throw new ValidationException(name + " must be a JSON object");
        return (Map<String, Object>) m;
    }

    /**
     * The entity ids of the call: user_id (or the connection's default user when {@code defaultUser}), agent_id and
     * run_id; the wildcard {@code *} is refused, so a model cannot address every user at once.
     */
    Map<String, String> entityIds(boolean defaultUser) {
        Map<String, String> ids = new HashMap<>();
        for (String name : List.of("user_id", "agent_id", "run_id")) {
            String v = string(name);
            if (v == null) continue;
            if (v.contains("*")) throw new ValidationException(name + " must name one " + name.replace("_id", "") + "; the wildcard * is not accepted by " + tool);
            ids.put(name, v);
        }
        if (defaultUser && !ids.containsKey("user_id") && defaultUserId != null) ids.put("user_id", defaultUserId);
        if (ids.isEmpty()) {
            throw new ValidationException(tool + " needs user_id, agent_id or run_id (no default user is set for this connection: "
                    + "send the " + McpResource.USER_HEADER + " header, add ?user_id= to the MCP URL, or give the API key a default user)");
        }
        return ids;
    }
}
