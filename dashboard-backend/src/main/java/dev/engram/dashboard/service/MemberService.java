package dev.engram.dashboard.service;

import dev.engram.core.error.ConflictException;
import dev.engram.core.error.NotFoundException;
import dev.engram.dashboard.identity.Role;
import dev.engram.dashboard.store.AuditAction;
import dev.engram.dashboard.store.Invitation;
import dev.engram.dashboard.store.InvitationStore;
import dev.engram.dashboard.store.Membership;
import dev.engram.dashboard.store.MembershipStore;
import dev.engram.platform.error.ForbiddenException;
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
    private final AuditLog audit;
    private final Clock clock = Clock.systemUTC();

    @Inject
    MemberService(MembershipStore memberships, InvitationStore invitations, AuditLog audit) {
        this.memberships = memberships;
        this.invitations = invitations;
        this.audit = audit;
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
        audit.record(actor, AuditAction.MEMBER_ROLE_CHANGED, who(target), target.role().wireName() + " → " + role.wireName());
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
        boolean leaving = actor.subject().equals(subject);
        audit.record(actor, leaving ? AuditAction.MEMBER_LEFT : AuditAction.MEMBER_REMOVED, who(target), "role " + target.role().wireName());
    }

    @Transactional
    public Invitation invite(Membership actor, String email, Role role) {
        String address = Names.email(email);
        if (role == Role.OWNER) requireOwner(actor, "invite an owner");
        if (invitations.pending(actor.orgId(), address).isPresent()) {
            throw new ConflictException("An invitation for " + address + " is already pending");
        }
        Invitation created = invitations.create(actor.orgId(), address, role, actor.subject(), clock.instant());
        audit.record(actor, AuditAction.MEMBER_INVITED, address, "role " + role.wireName());
        return created;
    }

    @Transactional
    public List<Invitation> invitations(String orgId) {
        return invitations.listPending(orgId);
    }

    @Transactional
    public void revokeInvitation(Membership actor, UUID id) {
        Invitation revoked = invitations.listPending(actor.orgId()).stream().filter(i -> i.id().equals(id)).findFirst()
                .orElseThrow(() -> new NotFoundException("Invitation not found"));
        if (!invitations.revoke(actor.orgId(), id)) throw new NotFoundException("Invitation not found");
        audit.record(actor, AuditAction.INVITATION_REVOKED, revoked.email(), "role " + revoked.role().wireName());
    }

    /** A member as the audit log names them: their e-mail, else their display name, else their subject. */
    private static String who(Membership m) {
        if (m.email() != null && !m.email().isBlank()) return m.email();
        return m.displayName() != null && !m.displayName().isBlank() ? m.displayName() + " (" + m.subject() + ")" : m.subject();
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
