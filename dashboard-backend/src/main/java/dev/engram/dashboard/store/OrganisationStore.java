package dev.engram.dashboard.store;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Organisations. An organisation's id is its tenant key, so every method here addresses exactly one organisation by
 * primary key (or a given set of them); the rows that belong to an organisation go through {@link OrgScoped}.
 * Callers provide the transaction.
 */
@ApplicationScoped
public class OrganisationStore {

    private final Repositories.Organisations repository;

    @Inject
    OrganisationStore(Repositories.Organisations repository) {
        this.repository = repository;
    }

    public Organisation create(String id, String name, Instant at) {
        OrganisationEntity e = new OrganisationEntity();
        e.id = id;
        e.name = name;
        e.createdAt = at;
        repository.persist(e);
        return e.toRecord();
    }

    public Optional<Organisation> find(String id) {
        return repository.findByIdOptional(id).map(OrganisationEntity::toRecord);
    }

    /** The organisations among {@code ids}, oldest first. */
    public List<Organisation> findAll(Collection<String> ids) {
        if (ids.isEmpty()) return List.of();
        return repository.find("id in :ids order by createdAt, id", Map.of("ids", ids)).stream()
                .map(OrganisationEntity::toRecord).toList();
    }

    public boolean rename(String id, String name) {
        return repository.findByIdOptional(id).map(e -> {
            e.name = name;
            return true;
        }).orElse(false);
    }

    /** Deletes the organisation; its memberships, invitations and settings go with it (ON DELETE CASCADE). */
    public boolean delete(String id) {
        return repository.delete("id", id) > 0;
    }
}
