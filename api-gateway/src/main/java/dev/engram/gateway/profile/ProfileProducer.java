package dev.engram.gateway.profile;

import dev.engram.core.domain.Tenant;
import dev.engram.core.engine.MemoryEngine;
import dev.engram.core.llm.ChatModels;
import dev.engram.core.llm.LlmProfileSummarizer;
import dev.engram.core.platform.PlatformStores;
import dev.engram.core.profile.ProfileBuilder;
import dev.engram.core.profile.ProfileGenerator;
import dev.engram.core.profile.ProfileJobs;
import dev.engram.core.profile.ProfileRefresh;
import dev.engram.core.profile.ProfileStore;
import dev.engram.core.profile.ProfileSummarizer;
import dev.engram.core.profile.UserMemories;
import dev.engram.core.spi.MemoryStore;
import dev.engram.core.tenant.ProjectDefaults;
import dev.engram.gateway.config.EngramConfig;
import dev.engram.gateway.config.ProfilesConfig;
import dev.engram.gateway.service.ProjectDefaultsCache;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The gateway's profile machinery: the store (on the system of record), the generator (offline builder, plus the LLM
 * summary of a project's LLM: its {@code llm_profile}, else the default LLM; none for an offline-only project), the
 * background jobs, and the change counter that regenerates a profile after {@code engram.profiles.regenerate-after-changes}
 * changes (told by the webhook outbox, see {@code EngineProducer}). Jobs left unfinished by a previous run are resumed
 * at start; the background work stops at shutdown, before the stores close.
 */
@Singleton
public class ProfileProducer {

    @Produces
    @Singleton
    ProfileStore profileStore(PlatformStores stores) {
        return stores.profiles();
    }

    @Produces
    @Singleton
    ProfileJobs profileJobs(ProfileStore store, MemoryEngine engine, ProjectDefaultsCache projects, EngramConfig config,
                            ProfilesConfig profiles) {
        var builder = new ProfileBuilder(new ProfileBuilder.Limits(profiles.factsPerCategory(), profiles.tokenBudget()));
        var generator = new ProfileGenerator(store, UserMemories.of(engine), builder, summarizers(projects, config),
                profiles.minMemories(), Clock.systemUTC());
        return new ProfileJobs(store, generator, profiles.threads(), profiles.queueCapacity(), Clock.systemUTC());
    }

    @Produces
    @Singleton
    ProfileRefresh profileRefresh(ProfileStore store, MemoryStore memories, ProfileJobs jobs, ProfilesConfig profiles) {
        return ProfileRefresh.regenerating(store, memories, jobs, profiles.regenerateAfterChanges());
    }

    /** Each project's summarizer: none offline-only, else its llm_profile's model, else the default LLM, else none. */
    private static Function<Tenant, Optional<ProfileSummarizer>> summarizers(ProjectDefaultsCache projects, EngramConfig config) {
        Optional<ProfileSummarizer> fallback = config.llm().settings().map(s -> new LlmProfileSummarizer(ChatModels.create(s)));
        Map<String, ProfileSummarizer> named = new LinkedHashMap<>();
        config.llm().profileSettings().forEach((name, s) -> named.put(name, new LlmProfileSummarizer(ChatModels.create(s))));
        return tenant -> {
            ProjectDefaults defaults = projects.get(tenant);
            if (defaults.offlineOnly()) return Optional.empty();
            if (defaults.llmProfile() != null && named.containsKey(defaults.llmProfile())) return Optional.of(named.get(defaults.llmProfile()));
            return fallback;
        };
    }

    void resumeAtStart(@Observes StartupEvent event, ProfileJobs jobs) {
        jobs.resumeUnfinished();
    }

    void stopAtShutdown(@Observes ShutdownEvent event, ProfileRefresh refresh, ProfileJobs jobs) {
        refresh.close();
        jobs.close();
    }
}
