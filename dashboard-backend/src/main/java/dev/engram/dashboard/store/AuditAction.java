package dev.engram.dashboard.store;

import java.util.Locale;

/** The administrative actions the audit log records; the wire and stored name is the lower-case dotted form. */
public enum AuditAction {
    ORGANISATION_CREATED,
    ORGANISATION_RENAMED,
    PROJECT_CREATED,
    PROJECT_DELETED,
    KEY_CREATED,
    KEY_REVOKED,
    KEY_UPDATED,
    MEMBER_INVITED,
    INVITATION_REVOKED,
    MEMBER_JOINED,
    MEMBER_ROLE_CHANGED,
    MEMBER_REMOVED,
    MEMBER_LEFT;

    /** {@code key.created}, {@code member.role_changed}, ... */
    public String wireName() {
        String n = name().toLowerCase(Locale.ROOT);
        int cut = n.indexOf('_');
        return n.substring(0, cut) + "." + n.substring(cut + 1);
    }
}
