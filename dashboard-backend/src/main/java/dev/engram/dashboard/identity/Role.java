package dev.engram.dashboard.identity;

import dev.engram.core.error.ValidationException;

import java.util.Locale;

/**
 * A person's role in an organisation, strongest first. Each role has every right of the roles below it; see
 * {@code docs/dashboard.md} for the rights matrix.
 */
public enum Role {
    OWNER, ADMIN, MEMBER, READER;

    /** Whether this role has at least the rights of {@code other}. */
    public boolean atLeast(Role other) {
        return ordinal() <= other.ordinal();
    }

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Role parse(String s) {
        if (s != null) {
            for (Role r : values()) if (r.wireName().equalsIgnoreCase(s.strip())) return r;
        }
        throw new ValidationException("Unknown role '" + s + "': use owner, admin, member or reader");
    }
}
