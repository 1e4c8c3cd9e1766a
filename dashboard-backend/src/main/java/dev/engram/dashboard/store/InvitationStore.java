package dev.engram.dashboard.store;

import dev.engram.dashboard.identity.Role;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Invitations. Everything about one organisation goes through {@link #in(String)}; the only query across
 * organisations is {@link #pendingFor(String)}, the invitations of the signing-in person's own verified address.
 * Callers provide the transaction.
 */
@ApplicationScoped
public class InvitationStore {

    private final Repositories.Invitations repository;

    @Inject
    InvitationStore(Repositories.Invitations repository) {
        this.repository = repository;
    }

    private OrgScoped<InvitationEntity> in(String orgId) {
        return new OrgScoped<>(repository, orgId);
    }

    /** Invites {@code email} (already lower-cased) into the organisation. */
    public Invitation create(String orgId, String email, Role role, String invitedBy, Instant at) {
        InvitationEntity e = new InvitationEntity();
        e.id = UUID.randomUUID();
        e.orgId = orgId;
        e.email = email;
        e.role = role;
        e.invitedBy = invitedBy;
        e.createdAt = at;
        in(orgId).persist(e);
        return e.toRecord();
    }

    public Optional<Invitation> pending(String orgId, String email) {
        return in(orgId).find("email = :email and acceptedAt is null", Map.of("email", email)).firstResultOptional()
                .map(InvitationEntity::toRecord);
    }

    /** The organisation's pending invitations, oldest first. */
    public List<Invitation> listPending(String orgId) {
        return in(orgId).find("acceptedAt is null", Sort.by("createdAt").and("email"), Map.of()).stream()
                .map(InvitationEntity::toRecord).toList();
    }

    /** Withdraws a pending invitation; false when the organisation has no such pending invitation. */
    public boolean revoke(String orgId, UUID id) {
        return in(orgId).delete("id = :id and acceptedAt is null", Map.of("id", id)) > 0;
    }

    /** Pending invitations of one (lower-case) address in every organisation, oldest first. */
    public List<Invitation> pendingFor(String email) {
        return repository.find("email = ?1 and acceptedAt is null", Sort.by("createdAt").and("orgId"), email).stream()
                .map(InvitationEntity::toRecord).toList();
    }

    public void markAccepted(String orgId, UUID id, Instant at) {
        in(orgId).find("id = :id", Map.of("id", id)).firstResultOptional().ifPresent(e -> e.acceptedAt = at);
    }
}
