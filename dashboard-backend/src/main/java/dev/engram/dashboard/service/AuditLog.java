package dev.engram.dashboard.service;

import dev.engram.core.domain.Page;
import dev.engram.core.error.ValidationException;
import dev.engram.dashboard.identity.ConsoleUser;
import dev.engram.dashboard.store.AuditAction;
import dev.engram.dashboard.store.AuditEntry;
import dev.engram.dashboard.store.AuditStore;
import dev.engram.dashboard.store.Membership;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import java.time.Clock;

/**
 * The audit log of administrative actions (docs/security.md#audit-log). The services record each action in the
 * transaction that performs it ({@link Transactional.TxType#MANDATORY}): an action that rolls back leaves no entry,
 * and an entry that cannot be written fails the action. Owners read it ({@code GET /api/v1/orgs/{org}/audit}).
 */
@ApplicationScoped
public class AuditLog {

    static final int MAX_TARGET = 512;
    static final int MAX_DETAIL = 1024;

    private final AuditStore store;
    private final Clock clock = Clock.systemUTC();

    @Inject
    AuditLog(AuditStore store) {
        this.store = store;
    }

    /** An action by a member of the organisation. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void record(Membership actor, AuditAction action, String target, String detail) {
        append(actor.orgId(), actor.subject(), actor.email(), action, target, detail);
    }

    /** An action by a signed-in person in an organisation (one they create, or join by an invitation). */
    @Transactional(Transactional.TxType.MANDATORY)
    public void record(String orgId, ConsoleUser actor, AuditAction action, String target, String detail) {
        append(orgId, actor.subject(), actor.email(), action, target, detail);
    }

    /** The organisation's entries, newest first. */
    @Transactional
    public Page<AuditEntry> page(String orgId, int page, int pageSize) {
        if (page < 1) throw new ValidationException("page must be 1 or more");
        if (pageSize < 1 || pageSize > 200) throw new ValidationException("page_size must be between 1 and 200");
        return new Page<>(store.page(orgId, page, pageSize), store.count(orgId), page, pageSize);
    }

    private void append(String orgId, String subject, String email, AuditAction action, String target, String detail) {
        store.append(orgId, clock.instant(), subject, email, action, cut(target == null ? "" : target, MAX_TARGET),
                detail == null ? null : cut(detail, MAX_DETAIL));
    }

    private static String cut(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max - 1) + "…";
    }
}
