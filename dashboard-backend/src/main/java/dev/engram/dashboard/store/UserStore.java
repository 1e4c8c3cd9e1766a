package dev.engram.dashboard.store;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Instant;

/** People known to the dashboard, by OIDC subject. Callers provide the transaction. */
@ApplicationScoped
public class UserStore {

    /** First key of the advisory locks taken for sign-up, so they cannot collide with other users of advisory locks. */
    private static final int SIGN_UP_LOCK_SPACE = 0x454e47; // "ENG"

    private final Repositories.Users repository;
    private final DashboardSqlDialect dialect;

    @Inject
    UserStore(Repositories.Users repository, DashboardSqlDialect dialect) {
        this.repository = repository;
        this.dialect = dialect;
    }

    /**
     * Serialises the rest of the current transaction with every other transaction that locks the same subject
     * (PostgreSQL: a transaction-scoped advisory lock; H2: see {@link DashboardSqlDialect#H2}), so concurrent first requests of one
     * person sign them up once.
     */
    public void lockSubject(String subject) {
        dialect.lockSubject(repository.getEntityManager(), SIGN_UP_LOCK_SPACE, subject);
    }

    /** Records the person; true when they were new. Their e-mail and name follow the identity provider's latest. */
    public boolean upsert(String subject, String email, String displayName, Instant at) {
        UserEntity e = repository.findById(subject);
        boolean created = e == null;
        if (created) {
            e = new UserEntity();
            e.subject = subject;
            e.createdAt = at;
        }
        e.email = email;
        e.displayName = displayName;
        e.lastSeenAt = at;
        if (created) repository.persist(e);
        return created;
    }
}
