package dev.engram.dashboard.store;

import java.time.Instant;
import java.util.UUID;

/**
 * One administrative action in an organisation: who ({@code actorSubject}, with their e-mail when known), what
 * ({@code action}) on what ({@code target}: a project id, a key's prefix and name, a member's e-mail), and an optional
 * {@code detail} (a new role, a key's scopes).
 */
public record AuditEntry(UUID id, String orgId, Instant occurredAt, String actorSubject, String actorEmail, AuditAction action,
                         String target, String detail) {
}
