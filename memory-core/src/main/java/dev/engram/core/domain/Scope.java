package dev.engram.core.domain;

import dev.engram.core.error.ValidationException;

/**
 * Who a memory is about: a tenant plus the entity ids of Mem0's model. At least one of user, agent, run or
 * app is set. Ids are trimmed; empty ids count as absent; ids with inner white space are rejected.
 */
public record Scope(Tenant tenant, String userId, String agentId, String runId, String appId) {

    public static final int MAX_ID_LENGTH = 256;

    public Scope {
        if (tenant == null) tenant = Tenant.DEFAULT;
        userId = normalize(userId, "user_id");
        agentId = normalize(agentId, "agent_id");
        runId = normalize(runId, "run_id");
        appId = normalize(appId, "app_id");
        if (userId == null && agentId == null && runId == null && appId == null) {
            throw new ValidationException("At least one of user_id, agent_id, run_id or app_id is required");
        }
    }

    public static Scope user(String userId) {
        return new Scope(Tenant.DEFAULT, userId, null, null, null);
    }

    public static Scope agent(String agentId) {
        return new Scope(Tenant.DEFAULT, null, agentId, null, null);
    }

    public static Scope run(String runId) {
        return new Scope(Tenant.DEFAULT, null, null, runId, null);
    }

    public static Scope app(String appId) {
        return new Scope(Tenant.DEFAULT, null, null, null, appId);
    }

    public Scope inTenant(Tenant t) {
        return new Scope(t, userId, agentId, runId, appId);
    }

    public Scope withUser(String id) {
        return new Scope(tenant, id, agentId, runId, appId);
    }

    public Scope withAgent(String id) {
        return new Scope(tenant, userId, id, runId, appId);
    }

    public Scope withRun(String id) {
        return new Scope(tenant, userId, agentId, id, appId);
    }

    public Scope withApp(String id) {
        return new Scope(tenant, userId, agentId, runId, id);
    }

    private static String normalize(String id, String name) {
        if (id == null) return null;
        String t = id.strip();
        if (t.isEmpty()) return null;
        if (t.length() > MAX_ID_LENGTH) {
            throw new ValidationException(name + " must be at most " + MAX_ID_LENGTH + " characters");
        }
        for (int i = 0; i < t.length(); i++) {
            char c = t.charAt(i);
            if (Character.isWhitespace(c) || Character.isISOControl(c)) {
                throw new ValidationException(name + " must not contain white space or control characters");
            }
        }
        return t;
    }
}
