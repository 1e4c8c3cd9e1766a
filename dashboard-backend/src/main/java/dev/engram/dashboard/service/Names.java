package dev.engram.dashboard.service;

import dev.engram.core.error.ValidationException;

import java.security.SecureRandom;
import java.util.Locale;
import java.util.regex.Pattern;

/** Checking the names people type and making the ids the platform keys tenants by. */
final class Names {

    static final int MAX_NAME = 256;
    private static final Pattern PROJECT_ID = Pattern.compile("[a-z0-9][a-z0-9_-]{0,63}");
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]{1,64}@[^@\\s]{1,255}");
    private static final String ID_ALPHABET = "0123456789abcdefghijklmnopqrstuvwxyz";
    private static final SecureRandom RANDOM = new SecureRandom();

    private Names() {
    }

    /** A display name: 1-256 characters, no control characters; stripped. */
    static String displayName(String value, String field) {
        if (value == null || value.isBlank()) throw new ValidationException("'" + field + "' is required");
        String v = value.strip();
        if (v.length() > MAX_NAME) throw new ValidationException("'" + field + "' must be at most " + MAX_NAME + " characters");
        if (v.chars().anyMatch(Character::isISOControl)) throw new ValidationException("'" + field + "' must not contain control characters");
        return v;
    }

    /** A project id as given in a request: lower-case letters, digits, '-' and '_', 1-64 characters. */
    static String projectId(String value) {
        if (value == null || !PROJECT_ID.matcher(value).matches()) {
            throw new ValidationException("'project_id' must be 1-64 lower-case letters, digits, '-' or '_', starting with a letter or digit");
        }
        return value;
    }

    /** A project id derived from its name: "Support Bot" becomes "support-bot". */
    static String slug(String name) {
        String s = name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("(^-+|-+$)", "");
        if (s.length() > 48) s = s.substring(0, 48).replaceAll("-+$", "");
        return s.isEmpty() ? "project" : s;
    }

    /** An e-mail address for an invitation: plausible, lower-cased. */
    static String email(String value) {
        if (value == null || !EMAIL.matcher(value.strip()).matches()) throw new ValidationException("'email' must be an e-mail address");
        return value.strip().toLowerCase(Locale.ROOT);
    }

    /** A fresh random id with a readable prefix, e.g. {@code org_k3v9...}. */
    static String randomId(String prefix, int chars) {
        StringBuilder sb = new StringBuilder(prefix);
        for (int i = 0; i < chars; i++) sb.append(ID_ALPHABET.charAt(RANDOM.nextInt(ID_ALPHABET.length())));
        return sb.toString();
    }
}
