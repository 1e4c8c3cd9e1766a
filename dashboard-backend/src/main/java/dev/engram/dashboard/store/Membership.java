package dev.engram.dashboard.store;

import dev.engram.dashboard.identity.Role;

import java.time.Instant;

/** A person's membership of an organisation, identified by their OIDC subject. */
public record Membership(String orgId, String subject, String email, String displayName, Role role, Instant createdAt) {
}
