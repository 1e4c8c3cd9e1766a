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
 * Memberships. Everything about one organisation goes through {@link #in(String)}; the only query across
 * organisations is {@link #ofSubject(String)}, the caller's own memberships. Callers provide the transaction.
 */
@ApplicationScoped
public class MembershipStore {

    private final Repositories.Memberships repository;

    @Inject
    MembershipStore(Repositories.Memberships repository) {
        this.repository = repository;
    }

    private OrgScoped<MembershipEntity> in(String orgId) {
        return new OrgScoped<>(repository, orgId);
    }

    /** Every membership of one person, oldest first. */
    public List<Membership> ofSubject(String subject) {
        return repository.find("subject", Sort.by("createdAt").and("orgId"), subject).stream().map(MembershipEntity::toRecord).toList();
    }

    public Optional<Membership> find(String orgId, String subject) {
        return entity(orgId, subject).map(MembershipEntity::toRecord);
    }

    public List<Membership> list(String orgId) {
        return in(orgId).find(null, Sort.by("createdAt").and("subject"), Map.of()).stream().map(MembershipEntity::toRecord).toList();
    }

    public Membership add(String orgId, String subject, String email, String displayName, Role role, Instant at) {
        MembershipEntity e = new MembershipEntity();
        e.id = UUID.randomUUID();
        e.orgId = orgId;
        e.subject = subject;
        e.email = email;
        e.displayName = displayName;
        e.role = role;
        e.createdAt = at;
        in(orgId).persist(e);
        return e.toRecord();
    }

    public boolean setRole(String orgId, String subject, Role role) {
        return entity(orgId, subject).map(e -> {
            e.role = role;
            return true;
        }).orElse(false);
    }

    public boolean remove(String orgId, String subject) {
        return in(orgId).delete("subject = :subject", Map.of("subject", subject)) > 0;
    }

    public long countOwners(String orgId) {
        return in(orgId).count("role = :role", Map.of("role", Role.OWNER));
    }

    private Optional<MembershipEntity> entity(String orgId, String subject) {
        return in(orgId).find("subject = :subject", Map.of("subject", subject)).firstResultOptional();
    }
}
