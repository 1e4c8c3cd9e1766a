package dev.engram.gateway.rest.dto;

import java.util.List;

/** Request bodies of the administration API. */
public final class AdminBodies {
    private AdminBodies() {
    }

    /** Creates a project; {@code project_id} is generated when absent. */
    public record CreateProject(String orgId, String projectId, String name) {
    }

    /** Creates a key for an existing project; scopes default to read and write. */
    public record CreateKey(String orgId, String projectId, String name, List<String> scopes, String userEmail, String defaultUserId) {
    }

    /** Changes a key: its default user (null or "" clears it). */
    public record UpdateKey(String defaultUserId) {
    }

    /** Rebuilds the index of one project, one organisation, or (with {@code all_tenants: true} and no ids) every tenant. */
    public record Reindex(String orgId, String projectId, Boolean allTenants) {
    }

    /** Compares one project's store and index; {@code repair} (default true) rewrites the index entries that differ. */
    public record Consistency(String orgId, String projectId, Boolean repair) {
    }
}
