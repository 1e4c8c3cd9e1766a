package dev.engram.dashboard.service;

import dev.engram.core.error.ValidationException;
import dev.engram.dashboard.store.ExtractionMode;
import dev.engram.dashboard.store.ProjectSettings;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** The bounds of project settings; every violation is a {@link ValidationException} naming the field. */
final class SettingsValidator {

    static final int MAX_INSTRUCTIONS_BYTES = 8 * 1024;
    /** The gateway's limit for an add's (and a project's) custom instructions. */
    static final int MAX_INSTRUCTIONS_CHARS = 8_000;
    static final int MAX_CATEGORIES = 50;
    static final int MAX_CATEGORY_LENGTH = 64;
    static final int MIN_EXPIRATION_DAYS = 1;
    static final int MAX_EXPIRATION_DAYS = 3650;
    static final int MAX_WEBHOOKS = 10;
    static final int MAX_URL_LENGTH = 2048;
    static final int MAX_EVENTS = 20;
    /** The gateway's rule for LLM profile names ({@code engram.llm.profiles.<name>}). */
    static final java.util.regex.Pattern PROFILE_NAME = java.util.regex.Pattern.compile("[A-Za-z0-9_-]{1,64}");
    private static final Set<String> LOOPBACK = Set.of("localhost", "127.0.0.1", "[::1]", "::1");

    private SettingsValidator() {
    }

    /** The settings, normalised (strings stripped, blanks to null), or a {@link ValidationException}. */
    static ProjectSettings validate(ProjectSettings s) {
        String instructions = blankToNull(s.customInstructions());
        if (instructions != null && instructions.getBytes(StandardCharsets.UTF_8).length > MAX_INSTRUCTIONS_BYTES) {
            throw new ValidationException("'custom_instructions' must be at most 8 KB (UTF-8)");
        }
        if (instructions != null && instructions.length() > MAX_INSTRUCTIONS_CHARS) {
            throw new ValidationException("'custom_instructions' must be at most " + MAX_INSTRUCTIONS_CHARS + " characters (the engine's limit)");
        }
        List<String> categories = categories(s.categories());
        ExtractionMode mode = s.extractionMode() == null ? ExtractionMode.LLM : s.extractionMode();
        String provider = bounded(s.llmProvider(), 64, "llm_provider");
        String model = bounded(s.llmModel(), 128, "llm_model");
        String profile = blankToNull(s.llmProfile());
        if (profile != null && !PROFILE_NAME.matcher(profile).matches()) {
            throw new ValidationException("'llm_profile' must be 1-64 letters, digits, '-' or '_' (a configured LLM profile), or null for the default LLM");
        }
        Integer days = s.defaultExpirationDays();
        if (days != null && (days < MIN_EXPIRATION_DAYS || days > MAX_EXPIRATION_DAYS)) {
            throw new ValidationException("'default_expiration_days' must be between 1 and 3650 (or null: never)");
        }
        if (s.webhooks().size() > MAX_WEBHOOKS) throw new ValidationException("'webhooks' may hold at most " + MAX_WEBHOOKS + " entries");
        List<ProjectSettings.Webhook> webhooks = s.webhooks().stream().map(SettingsValidator::webhook).toList();
        return new ProjectSettings(instructions, categories, mode, provider, model, profile, days, webhooks, null);
    }

    private static List<String> categories(List<String> given) {
        if (given.size() > MAX_CATEGORIES) throw new ValidationException("'categories' may hold at most " + MAX_CATEGORIES + " entries");
        Set<String> seen = new HashSet<>();
        for (String c : given) {
            if (c == null || c.isBlank() || c.strip().length() > MAX_CATEGORY_LENGTH) {
                throw new ValidationException("Each of 'categories' must be 1-" + MAX_CATEGORY_LENGTH + " characters");
            }
            if (!seen.add(c.strip().toLowerCase(Locale.ROOT))) throw new ValidationException("'categories' lists '" + c.strip() + "' twice");
        }
        return given.stream().map(String::strip).toList();
    }

    private static ProjectSettings.Webhook webhook(ProjectSettings.Webhook w) {
        if (w == null || w.url() == null || w.url().length() > MAX_URL_LENGTH) {
            throw new ValidationException("Each webhook needs a 'url' of at most " + MAX_URL_LENGTH + " characters");
        }
        URI uri;
        try {
            uri = new URI(w.url().strip());
        } catch (URISyntaxException e) {
            throw new ValidationException("Webhook url '" + w.url() + "' is not a URL");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        String host = uri.getHost();
        if (host == null || host.isBlank()) throw new ValidationException("Webhook url '" + w.url() + "' has no host");
        boolean loopback = LOOPBACK.contains(host.toLowerCase(Locale.ROOT));
        if (!scheme.equals("https") && !(scheme.equals("http") && loopback)) {
            throw new ValidationException("Webhook url '" + w.url() + "' must use https (http only on localhost)");
        }
        if (w.events().size() > MAX_EVENTS) throw new ValidationException("A webhook may subscribe to at most " + MAX_EVENTS + " events");
        for (String e : w.events()) {
            if (e == null || e.isBlank() || e.length() > 64) throw new ValidationException("Webhook event names must be 1-64 characters");
        }
        return new ProjectSettings.Webhook(uri.toString(), w.events().stream().map(String::strip).toList());
    }

    private static String bounded(String value, int max, String field) {
        String v = blankToNull(value);
        if (v != null && v.length() > max) throw new ValidationException("'" + field + "' must be at most " + max + " characters");
        return v;
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
