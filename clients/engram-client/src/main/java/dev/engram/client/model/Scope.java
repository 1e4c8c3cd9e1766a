package dev.engram.client.model;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Whose memories: a user, an agent, a run (session) and/or an app id; at least one must be set. On add the ids are
 * stored with each memory; on search, listing and delete-all they select memories carrying all the given ids.
 */
public record Scope(String userId, String agentId, String runId, String appId) {

    public Scope {
        if (blank(userId) && blank(agentId) && blank(runId) && blank(appId)) {
            throw new IllegalArgumentException("a scope needs at least one of user_id, agent_id, run_id, app_id");
        }
    }

    public static Scope user(String userId) {
        return new Scope(userId, null, null, null);
    }

    public static Scope agent(String agentId) {
        return new Scope(null, agentId, null, null);
    }

    public static Scope run(String runId) {
        return new Scope(null, null, runId, null);
    }

    public Scope withAgent(String id) {
        return new Scope(userId, id, runId, appId);
    }

    public Scope withRun(String id) {
        return new Scope(userId, agentId, id, appId);
    }

    public Scope withApp(String id) {
        return new Scope(userId, agentId, runId, id);
    }

    /** The ids as snake_case fields ({@code user_id}, …), the shape of add bodies, v2 filters and delete-all queries. */
    public Map<String, Object> toFields() {
        Map<String, Object> out = new LinkedHashMap<>();
        if (!blank(userId)) out.put("user_id", userId);
        if (!blank(agentId)) out.put("agent_id", agentId);
        if (!blank(runId)) out.put("run_id", runId);
        if (!blank(appId)) out.put("app_id", appId);
        return out;
    }

    /** The v2 filter selecting this scope: {@code {"user_id": …}} for one id, {@code {"AND": [{…}, {…}]}} for several. */
    public Map<String, Object> toFilters() {
        Map<String, Object> fields = toFields();
        if (fields.size() == 1) return fields;
        return Map.of("AND", fields.entrySet().stream().map(e -> Map.of(e.getKey(), e.getValue())).toList());
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
