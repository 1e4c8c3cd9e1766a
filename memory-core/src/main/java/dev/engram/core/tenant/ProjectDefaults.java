package dev.engram.core.tenant;

import dev.engram.core.domain.AddRequest;

import java.time.LocalDate;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a project's adds get when the add itself does not say: extraction guidance, a category set, an expiration, and
 * whether extraction must stay offline (no LLM call even when one is configured). Set from the console's project
 * settings; applied by the gateway before an add is queued ({@link #applyTo}).
 *
 * @param customInstructions    extraction guidance for adds without their own; null = none
 * @param categories            category name to description (null descriptions become ""), in order, for adds without
 *                              their own; null = the engine's default categories
 * @param defaultExpirationDays adds without an {@code expiration_date} expire this many days after the day they are
 *                              made (UTC); null = never
 * @param offlineOnly           true: the project's adds use the offline extractor and reconciler
 * @param llmProfile            the named LLM profile ({@code engram.llm.profiles.<name>}) that extracts and reconciles the
 *                              project's adds; null = the default LLM ({@code engram.llm.*})
 */
public record ProjectDefaults(String customInstructions, Map<String, String> categories, Integer defaultExpirationDays,
                              boolean offlineOnly, String llmProfile) {

    /** A project that set nothing: adds are taken as they come. */
    public static final ProjectDefaults NONE = new ProjectDefaults(null, null, null, false, null);

    /** Defaults that use the default LLM profile. */
    public ProjectDefaults(String customInstructions, Map<String, String> categories, Integer defaultExpirationDays, boolean offlineOnly) {
        this(customInstructions, categories, defaultExpirationDays, offlineOnly, null);
    }

    public ProjectDefaults {
        llmProfile = llmProfile == null || llmProfile.isBlank() ? null : llmProfile.strip();
        customInstructions = customInstructions == null || customInstructions.isBlank() ? null : customInstructions;
        categories = categories == null || categories.isEmpty() ? null : ordered(categories);
        if (defaultExpirationDays != null && defaultExpirationDays < 1) {
            throw new IllegalArgumentException("defaultExpirationDays must be at least 1 (or null: never), not " + defaultExpirationDays);
        }
    }

    private static Map<String, String> ordered(Map<String, String> categories) {
        Map<String, String> copy = new LinkedHashMap<>();
        categories.forEach((name, description) -> copy.put(name, description == null ? "" : description));
        return Collections.unmodifiableMap(copy);
    }

    /** True when these defaults change nothing. */
    public boolean isNone() {
        return equals(NONE);
    }

    /**
     * The add with what it leaves out filled in: the request's own instructions, categories and expiration date win
     * (its instructions replace the project's, they are not merged); {@code offlineOnly} switches the add to offline
     * extraction; {@code llmProfile} names the LLM that extracts it.
     *
     * @param today the day the add is made (UTC), from which {@code defaultExpirationDays} counts
     */
    public AddRequest applyTo(AddRequest request, LocalDate today) {
        AddRequest out = request;
        if (out.customInstructions() == null && customInstructions != null) out = out.withCustomInstructions(customInstructions);
        if (out.categories() == null && categories != null) out = out.withCategories(categories);
        if (out.expirationDate() == null && defaultExpirationDays != null) out = out.withExpirationDate(today.plusDays(defaultExpirationDays));
        if (offlineOnly && !out.offlineOnly()) out = out.withOfflineOnly(true);
        if (llmProfile != null && out.llmProfile() == null) out = out.withLlmProfile(llmProfile);
        return out;
    }
}
