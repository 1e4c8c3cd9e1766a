package dev.engram.dashboard.store;

import dev.engram.dashboard.identity.Role;

import java.time.Instant;
import java.util.UUID;

/** An invitation of an e-mail address (lower-case) into an organisation; pending until {@code acceptedAt}. */
public record Invitation(UUID id, String orgId, String email, Role role, String invitedBy, Instant createdAt, Instant acceptedAt) {
}
