package dev.engram.dashboard.service;

import dev.engram.core.domain.Tenant;
import dev.engram.core.error.NotFoundException;
import dev.engram.core.tenant.Project;
import dev.engram.dashboard.config.DashboardConfig;
import dev.engram.dashboard.identity.ConsoleUser;
import dev.engram.dashboard.identity.Role;
import dev.engram.dashboard.store.AuditAction;
import dev.engram.dashboard.store.Invitation;
import dev.engram.dashboard.store.InvitationStore;
import dev.engram.dashboard.store.Membership;
import dev.engram.dashboard.store.MembershipStore;
import dev.engram.dashboard.store.Organisation;
import dev.engram.dashboard.store.OrganisationStore;
import dev.engram.dashboard.store.UserStore;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Sign-up and organisations. A person's first authenticated request ({@link #signIn}) records them, turns pending
 * invitations of their verified e-mail address into memberships and, when they belong to no organisation, creates one
 * they own with a default project (for the local administrator of the standalone platform: the platform's default
 * organisation and project, see {@link ConsoleUser#LOCAL_ADMINISTRATOR}). Concurrent first requests of one person are serialised by a database lock on their
 * subject, so that happens once.
 */
@ApplicationScoped
public class OrganisationService {

    private final OrganisationStore organisations;
    private final MembershipStore memberships;
    private final InvitationStore invitations;
    private final UserStore users;
    private final TenantDirectory directory;
    private final DashboardConfig.Dashboard config;
    private final AuditLog audit;
    private final Clock clock;

    @Inject
    OrganisationService(OrganisationStore organisations, MembershipStore memberships, InvitationStore invitations, UserStore users,
                        TenantDirectory directory, DashboardConfig config, AuditLog audit) {
        this.audit = audit;
        this.organisations = organisations;
        this.memberships = memberships;
        this.invitations = invitations;
        this.users = users;
        this.directory = directory;
        this.config = config.dashboard();
        this.clock = Clock.systemUTC();
    }

    @Transactional
    public SignIn signIn(ConsoleUser caller) {
        Instant now = clock.instant();
        users.lockSubject(caller.subject());
        users.upsert(caller.subject(), caller.email(), caller.friendlyName(), now);
        int accepted = acceptInvitations(caller, now);
        boolean created = false;
        if (memberships.ofSubject(caller.subject()).isEmpty()) {
            createOwned(caller, caller.friendlyName(), now);
            created = true;
        }
        return new SignIn(caller, mine(caller.subject()), created, accepted);
    }

    /** Organisations the person belongs to, oldest membership first. */
    @Transactional
    public List<OrganisationView> mine(String subject) {
        List<Membership> own = memberships.ofSubject(subject);
        Map<String, Organisation> byId = organisations.findAll(own.stream().map(Membership::orgId).toList()).stream()
                .collect(Collectors.toMap(Organisation::id, Function.identity()));
        return own.stream().filter(m -> byId.containsKey(m.orgId())).map(m -> new OrganisationView(byId.get(m.orgId()), m.role())).toList();
    }

    /** A further organisation the caller owns, with its default project. */
    @Transactional
    public OrganisationView create(ConsoleUser caller, String name) {
        Organisation org = createOwned(caller, Names.displayName(name, "name"), clock.instant());
        return new OrganisationView(org, Role.OWNER);
    }

    @Transactional
    public Organisation get(String orgId) {
        return organisations.find(orgId).orElseThrow(() -> new NotFoundException("Organisation not found"));
    }

    @Transactional
    public Organisation rename(Membership actor, String name) {
        String n = Names.displayName(name, "name");
        organisations.rename(actor.orgId(), n);
        audit.record(actor, AuditAction.ORGANISATION_RENAMED, actor.orgId(), n);
        return get(actor.orgId());
    }

    /**
     * Deletes the organisation: each of its projects is deleted first (keys revoked, memories, history and events
     * erased: {@link TenantDirectory#deleteProject}), then its dashboard records go.
     */
    @Transactional
    public void delete(String orgId) {
        Instant now = clock.instant();
        for (Project p : directory.projects(orgId)) directory.deleteProject(p.tenant(), now);
        organisations.delete(orgId);
    }

    private int acceptInvitations(ConsoleUser caller, Instant now) {
        String email = caller.verifiedEmail();
        if (email == null) return 0;
        int accepted = 0;
        for (Invitation inv : invitations.pendingFor(email)) {
            if (memberships.find(inv.orgId(), caller.subject()).isEmpty()) {
                memberships.add(inv.orgId(), caller.subject(), email, caller.friendlyName(), inv.role(), now);
                audit.record(inv.orgId(), caller, AuditAction.MEMBER_JOINED, email, "role " + inv.role().wireName() + ", invited by " + inv.invitedBy());
                accepted++;
            }
            invitations.markAccepted(inv.orgId(), inv.id(), now);
        }
        return accepted;
    }

    private Organisation createOwned(ConsoleUser caller, String name, Instant now) {
        // The local administrator's organisation is the platform's default one, where the standalone gateway's bootstrap
        // key and its default project live; everyone else's gets a fresh id.
        String id = caller.isLocalAdministrator() && organisations.find(Tenant.DEFAULT.orgId()).isEmpty()
                ? Tenant.DEFAULT.orgId() : Names.randomId("org_", 16);
        Organisation org = organisations.create(id, name, now);
        memberships.add(org.id(), caller.subject(), caller.email(), caller.friendlyName(), Role.OWNER, now);
        audit.record(org.id(), caller, AuditAction.ORGANISATION_CREATED, org.id(), name);
        // Committed on its own (another datasource): if this transaction rolls back, an unreachable project row remains.
        directory.createProject(Tenant.of(org.id(), config.defaultProjectId()), config.defaultProjectName(), now);
        audit.record(org.id(), caller, AuditAction.PROJECT_CREATED, config.defaultProjectId(), config.defaultProjectName());
        return org;
    }
}
