package dev.engram.dashboard.service;

import dev.engram.core.error.ConflictException;
import dev.engram.core.error.NotFoundException;
import dev.engram.dashboard.security.ForbiddenException;
import dev.engram.dashboard.security.Role;
import dev.engram.dashboard.store.Invitation;
import dev.engram.dashboard.store.InvitationStore;
import dev.engram.dashboard.store.Membership;
import dev.engram.dashboard.store.MembershipStore;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import java.time.Clock;
import java.util.List;
import java.util.UUID;

/**
 * Members and invitations of one organisation. The route's role is checked by the access filter; what depends on the
 * target is checked here: only an owner may touch an owner or make one, and an organisation never loses its last owner.
 */
@ApplicationScoped
public class MemberService {

    private final MembershipStore memberships;
    private final InvitationStore invitations;
    private final Clock clock = Clock.systemUTC();

    @Inject
    MemberService(MembershipStore memberships, InvitationStore invitations) {
        this.memberships = memberships;
        this.invitations = invitations;
    }

    @Transactional
    public List<Membership> list(String orgId) {
        return memberships.list(orgId);
    }

    @Transactional
    public Membership changeRole(Membership actor, String subject, Role role) {
        Membership target = target(actor.orgId(), subject);
        if (target.role() == Role.OWNER || role == Role.OWNER) requireOwner(actor, "change an owner's role or make an owner");
        if (target.role() == Role.OWNER && role != Role.OWNER) requireAnotherOwner(actor.orgId(), "demote");
        memberships.setRole(actor.orgId(), subject, role);
        return target(actor.orgId(), subject);
    }

    /** Removes a member (admins) or the caller themselves (leaving). */
    @Transactional
    public void remove(Membership actor, String subject) {
        Membership target = target(actor.orgId(), subject);
        if (target.role() == Role.OWNER) {
            if (!actor.subject().equals(subject)) requireOwner(actor, "remove an owner");
            requireAnotherOwner(actor.orgId(), "remove");
        }
        memberships.remove(actor.orgId(), subject);
    }

    @Transactional
    public Invitation invite(Membership actor, String email, Role role) {
        String address = Names.email(email);
        if (role == Role.OWNER) requireOwner(actor, "invite an owner");
        if (invitations.pending(actor.orgId(), address).isPresent()) {
            throw new ConflictException("An invitation for " + address + " is already pending");
        }
        return invitations.create(actor.orgId(), address, role, actor.subject(), clock.instant());
    }

    @Transactional
    public List<Invitation> invitations(String orgId) {
        return invitations.listPending(orgId);
    }

    @Transactional
    public void revokeInvitation(String orgId, UUID id) {
        if (!invitations.revoke(orgId, id)) throw new NotFoundException("Invitation not found");
    }

    private Membership target(String orgId, String subject) {
        return memberships.find(orgId, subject).orElseThrow(() -> new NotFoundException("Member not found"));
    }

    private static void requireOwner(Membership actor, String what) {
        if (actor.role() != Role.OWNER) throw new ForbiddenException("Only an owner may " + what);
    }

    private void requireAnotherOwner(String orgId, String what) {
        if (memberships.countOwners(orgId) <= 1) {
            throw new ConflictException("Cannot " + what + " the last owner: make another member owner first");
        }
    }
}
