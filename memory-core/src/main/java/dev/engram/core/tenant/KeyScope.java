package dev.engram.core.tenant;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What an API key may do. READ: get, list, search, history, events. WRITE: add, update, delete. ADMIN: the platform
 * administration API (projects and keys of every organisation).
 */
public enum KeyScope {
    READ, WRITE, ADMIN;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static KeyScope parse(String s) {
        for (KeyScope k : values()) if (k.wireName().equalsIgnoreCase(s.strip())) return k;
        throw new dev.engram.core.error.ValidationException("Unknown scope '" + s + "': use read, write or admin");
    }

    /** Stored form: comma-separated wire names. */
    public static String join(Set<KeyScope> scopes) {
        return scopes.stream().sorted().map(KeyScope::wireName).collect(Collectors.joining(","));
    }

    public static Set<KeyScope> split(String stored) {
        Set<KeyScope> out = EnumSet.noneOf(KeyScope.class);
        for (String s : stored.split(",")) if (!s.isBlank()) out.add(parse(s));
        return out;
    }
}
