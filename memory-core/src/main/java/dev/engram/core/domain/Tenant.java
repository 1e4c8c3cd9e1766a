package dev.engram.core.domain;

import java.util.Objects;

/**
 * The organisation and project a memory belongs to. Every port method takes one, and every adapter
 * applies it in a single place, so no query can reach another tenant's data.
 */
public record Tenant(String orgId, String projectId) {

    /** The tenant of the embedded library and of the standalone platform's first project. */
    public static final Tenant DEFAULT = new Tenant("default", "default");

    public Tenant {
        orgId = requireId(orgId, "orgId");
        projectId = requireId(projectId, "projectId");
    }

    public static Tenant of(String orgId, String projectId) {
        return new Tenant(orgId, projectId);
    }

    /** A single string that identifies the tenant in indexes: the two ids cannot contain the separator. */
    public String key() {
        return orgId + "/" + projectId;
    }

    private static String requireId(String value, String name) {
        Objects.requireNonNull(value, name);
        if (value.isBlank() || value.length() > 128 || value.indexOf('/') >= 0 || value.chars().anyMatch(Character::isISOControl)) {
            throw new IllegalArgumentException(name + " must be 1-128 characters without '/' or control characters");
        }
        return value;
    }
}
