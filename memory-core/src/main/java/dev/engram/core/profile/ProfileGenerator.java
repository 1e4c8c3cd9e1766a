package dev.engram.core.profile;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.engram.core.domain.Tenant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * Generates one user's profile and stores the result: NOT_ENABLED when the project turned profiles off,
 * INSUFFICIENT_DATA below {@code minMemories} resolved facts (the stored content is emptied), otherwise the offline
 * profile ({@link ProfileBuilder}) plus, when the project has an LLM, a {@code summary} written by it. The LLM is
 * optional twice over: a project without one, or a model that fails or answers badly, gets the offline profile alone.
 * Any other failure (the store, a broken schema) is recorded as FAILED with its reason.
 */
public final class ProfileGenerator {

    private static final Logger LOG = LoggerFactory.getLogger(ProfileGenerator.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    /** The profile key of the LLM's summary (first in the profile; with a schema, only when the schema declares it). */
    public static final String SUMMARY = "summary";

    private final ProfileStore store;
    private final UserMemories memories;
    private final ProfileBuilder builder;
    private final Function<Tenant, Optional<ProfileSummarizer>> summarizers;
    private final int minMemories;
    private final Clock clock;

    /**
     * @param summarizers the LLM that writes a project's summary, or empty for an offline project
     * @param minMemories the fewest resolved facts a profile is generated from
     */
    public ProfileGenerator(ProfileStore store, UserMemories memories, ProfileBuilder builder,
                            Function<Tenant, Optional<ProfileSummarizer>> summarizers, int minMemories, Clock clock) {
        if (minMemories < 1) throw new IllegalArgumentException("minMemories must be 1 or more");
        this.store = Objects.requireNonNull(store, "store");
        this.memories = Objects.requireNonNull(memories, "memories");
        this.builder = Objects.requireNonNull(builder, "builder");
        this.summarizers = Objects.requireNonNull(summarizers, "summarizers");
        this.minMemories = minMemories;
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** Generates and stores the profile; returns how it ended. Never throws. */
    public ProfileStatus generate(Tenant tenant, String userId) {
        int seen = 0;
        try {
            seen = store.profile(tenant, userId).map(UserProfile::changes).orElse(0);
            ProfileSettings settings = store.settings(tenant);
            if (!settings.enabled()) {
                store.saveResult(tenant, userId, null, ProfileStatus.NOT_ENABLED, null, 0, clock.instant());
                return ProfileStatus.NOT_ENABLED;
            }
            ProfileFacts facts = builder.facts(memories.of(tenant, userId), LocalDate.now(clock));
            if (facts.count() < minMemories) {
                store.saveResult(tenant, userId, UserProfile.EMPTY, ProfileStatus.INSUFFICIENT_DATA, null, seen, clock.instant());
                return ProfileStatus.INSUFFICIENT_DATA;
            }
            JsonNode schema = settings.userSchema() == null ? null : JSON.readTree(settings.userSchema());
            Map<String, Object> profile = withSummary(tenant, builder.profile(facts, schema), facts, schema, settings.userInstructions());
            store.saveResult(tenant, userId, JSON.writeValueAsString(profile), ProfileStatus.SUCCEEDED, null, seen, clock.instant());
            return ProfileStatus.SUCCEEDED;
        } catch (JsonProcessingException | RuntimeException e) {
            LOG.warn("The profile of user {} of {} could not be generated", userId, tenant.key(), e);
            try {
                store.saveResult(tenant, userId, null, ProfileStatus.FAILED, "Profile generation failed: " + e.getMessage(), seen, clock.instant());
            } catch (RuntimeException suppressed) {
                LOG.error("The failed profile generation of user {} of {} could not be recorded either", userId, tenant.key(), suppressed);
            }
            return ProfileStatus.FAILED;
        }
    }

    private Map<String, Object> withSummary(Tenant tenant, Map<String, Object> profile, ProfileFacts facts, JsonNode schema,
                                            String instructions) {
        boolean wanted = schema == null || schema.path("properties").has(SUMMARY);
        if (!wanted) return profile;
        Optional<String> summary;
        try {
            summary = summarizers.apply(tenant).flatMap(s -> s.summarize(facts.selectedTexts(), instructions));
        } catch (RuntimeException e) {
            LOG.warn("The LLM summary of a profile of {} failed; the offline profile stands", tenant.key(), e);
            summary = Optional.empty();
        }
        if (summary.isEmpty()) return profile;
        Map<String, Object> out = new LinkedHashMap<>();
        out.put(SUMMARY, summary.get());
        profile.forEach(out::putIfAbsent);
        return out;
    }
}
