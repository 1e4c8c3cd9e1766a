package dev.engram.dashboard.service;

import dev.engram.dashboard.store.Membership;
import dev.engram.dashboard.store.MembershipStore;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import java.util.Optional;

/** Membership look-ups for the access check, in a transaction of their own. */
@ApplicationScoped
public class Memberships {

    private final MembershipStore store;

    @Inject
    Memberships(MembershipStore store) {
        this.store = store;
    }

    @Transactional
    public Optional<Membership> find(String orgId, String subject) {
        return store.find(orgId, subject);
    }
}
