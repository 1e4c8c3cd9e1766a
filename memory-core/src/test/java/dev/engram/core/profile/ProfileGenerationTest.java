package dev.engram.core.profile;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.engram.core.Memory;
import dev.engram.core.domain.Scope;
import dev.engram.core.domain.Tenant;
import dev.engram.core.llm.ChatModels;
import dev.engram.core.llm.LlmProfileSummarizer;
import dev.engram.core.llm.LlmSettings;
import dev.engram.core.llm.ScriptedChatServer;
import dev.engram.core.store.jdbc.JdbcDatabase;
import dev.engram.core.store.memory.InMemoryMemoryStore;
import dev.engram.core.webhook.JdbcWebhookStore;
import dev.engram.core.webhook.WebhookOutbox;
import org.h2.jdbcx.JdbcConnectionPool;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Profiles generated from a real engine's memories (the embedded engine, offline extraction and reconciliation) into a
 * real profile store: the newest value after a move, too few memories, profiles turned off, the LLM summary from a real
 * chat client against {@link ScriptedChatServer} and the offline fallback when that model fails, idempotent jobs with
 * their counters, and regeneration once enough memories changed.
 */
class ProfileGenerationTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Tenant T = Tenant.DEFAULT;

    private InMemoryMemoryStore memories;
    private Memory memory;
    private JdbcConnectionPool pool;
    private ProfileStore store;

    @BeforeEach
    void open() {
        memories = new InMemoryMemoryStore();
        memory = Memory.builder().inMemory().store(memories).build();
        pool = JdbcConnectionPool.create("jdbc:h2:mem:profile-gen-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", "sa", "");
        store = JdbcProfileStore.migrating(JdbcDatabase.h2(pool));
    }

    @AfterEach
    void close() {
        memory.close();
        pool.dispose();
    }

    private ProfileGenerator generator(Optional<ProfileSummarizer> summarizer) {
        return new ProfileGenerator(store, UserMemories.of(memory.engine()), new ProfileBuilder(ProfileBuilder.Limits.DEFAULTS),
                tenant -> summarizer, 3, Clock.systemUTC());
    }

    private void addAlicesLife(Scope alice) {
        memory.add("I live in Paris.", alice);
        memory.add("I work as a nurse at the city hospital.", alice);
        memory.add("I am allergic to peanuts.", alice);
        memory.add("I moved to Berlin.", alice);
    }

    private JsonNode profileOf(String user) throws Exception {
        return JSON.readTree(store.profile(T, user).orElseThrow().profileJson());
    }

    @Test
    void theOfflineProfileGroupsTheUsersFactsWithTheNewestCity() throws Exception {
        Scope alice = Scope.user("alice");
        addAlicesLife(alice);

        assertThat(generator(Optional.empty()).generate(T, "alice")).isEqualTo(ProfileStatus.SUCCEEDED);

        UserProfile stored = store.profile(T, "alice").orElseThrow();
        assertThat(stored.status()).isEqualTo(ProfileStatus.SUCCEEDED);
        assertThat(stored.generationCount()).isEqualTo(1);
        JsonNode categories = profileOf("alice").path("categories");
        assertThat(categories.toString()).contains("Berlin").doesNotContain("Paris").contains("nurse").contains("peanut");
        assertThat(profileOf("alice").has("summary")).as("no LLM, no summary").isFalse();
    }

    @Test
    void tooFewMemoriesOrProfilesTurnedOffAreReportedNotGenerated() {
        Scope bob = Scope.user("bob");
        memory.add("I live in Rome.", bob);
        assertThat(generator(Optional.empty()).generate(T, "bob")).isEqualTo(ProfileStatus.INSUFFICIENT_DATA);
        assertThat(store.profile(T, "bob").orElseThrow().profileJson()).isEqualTo(UserProfile.EMPTY);

        addAlicesLife(Scope.user("alice"));
        store.saveSettings(T, ProfileSettings.DEFAULTS.withEnabled(false), java.time.Instant.now());
        assertThat(generator(Optional.empty()).generate(T, "alice")).isEqualTo(ProfileStatus.NOT_ENABLED);
        assertThat(store.profile(T, "alice").orElseThrow().status()).isEqualTo(ProfileStatus.NOT_ENABLED);
    }

    @Test
    void anLlmWritesTheSummaryAndAFailingOneLeavesTheOfflineProfile() throws Exception {
        addAlicesLife(Scope.user("alice"));
        try (ScriptedChatServer llm = ScriptedChatServer.start()) {
            var summarizer = Optional.<ProfileSummarizer>of(new LlmProfileSummarizer(
                    ChatModels.create(LlmSettings.openAi(llm.baseUrl(), "test-key", "gpt-test"))));
            store.saveSettings(T, ProfileSettings.DEFAULTS.withUserInstructions("Mention allergies first."), java.time.Instant.now());

            llm.reply("{\"summary\": \"Alice is a nurse in Berlin with a peanut allergy.\"}");
            assertThat(generator(summarizer).generate(T, "alice")).isEqualTo(ProfileStatus.SUCCEEDED);
            JsonNode profile = profileOf("alice");
            assertThat(profile.path("summary").asText()).isEqualTo("Alice is a nurse in Berlin with a peanut allergy.");
            assertThat(profile.path("categories").toString()).contains("Berlin");
            String prompt = llm.promptOf(0);
            assertThat(prompt).contains("Mention allergies first.").contains("Berlin").doesNotContain("Paris");

            llm.error(500); // a model error ends the exchange at once: one call
            assertThat(generator(summarizer).generate(T, "alice")).isEqualTo(ProfileStatus.SUCCEEDED);
            JsonNode fallback = profileOf("alice");
            assertThat(fallback.has("summary")).isFalse();
            assertThat(fallback.path("categories").toString()).contains("Berlin");
            assertThat(store.profile(T, "alice").orElseThrow().generationCount()).isEqualTo(2);
        }
    }

    @Test
    void jobsAreIdempotentByKeyAndCountTheirUsers() throws Exception {
        addAlicesLife(Scope.user("alice"));
        memory.add("I live in Rome.", Scope.user("bob"));
        try (ProfileJobs jobs = new ProfileJobs(store, generator(Optional.empty()), 1, 10, Clock.systemUTC())) {
            ProfileStore.Created created = jobs.submit(T, ProfileJob.Operation.SAMPLE, "key-1", List.of("alice", "bob"));
            assertThat(created.replayed()).isFalse();
            UUID id = created.job().id();
            await(() -> store.job(T, id).orElseThrow().status() == ProfileJob.Status.SUCCEEDED);
            ProfileJob done = store.job(T, id).orElseThrow();
            assertThat(done.total()).isEqualTo(2);
            assertThat(done.succeeded()).isEqualTo(1);
            assertThat(done.skipped()).as("bob has too few memories").isEqualTo(1);
            assertThat(done.failed()).isZero();

            ProfileStore.Created replay = jobs.submit(T, ProfileJob.Operation.SAMPLE, "key-1", List.of("carol"));
            assertThat(replay.replayed()).isTrue();
            assertThat(replay.job().id()).isEqualTo(id);
            assertThat(store.profile(T, "carol")).as("a replay starts nothing").isEmpty();
            assertThat(store.profile(T, "alice").orElseThrow().generationCount()).isEqualTo(1);
        }
    }

    @Test
    void aJobAStoppedProcessLeftUnfinishedRunsAgainAtStart() throws Exception {
        addAlicesLife(Scope.user("alice"));
        java.time.Instant then = java.time.Instant.parse("2026-01-01T00:00:00Z");
        ProfileJob left = new ProfileJob(UUID.randomUUID(), T, "left-running", ProfileJob.Operation.TRIGGER, ProfileJob.Status.RUNNING,
                List.of("alice"), 1, 0, 0, 0, then, then);
        store.createJob(left);
        try (ProfileJobs jobs = new ProfileJobs(store, generator(Optional.empty()), 1, 10, Clock.systemUTC())) {
            jobs.resumeUnfinished();
            await(() -> store.job(T, left.id()).orElseThrow().status() == ProfileJob.Status.SUCCEEDED);
            assertThat(store.job(T, left.id()).orElseThrow().succeeded()).isEqualTo(1);
            assertThat(store.profile(T, "alice").orElseThrow().status()).isEqualTo(ProfileStatus.SUCCEEDED);
        }
    }

    @Test
    void enoughMemoryChangesRegenerateTheProfile() throws Exception {
        try (ProfileJobs jobs = new ProfileJobs(store, generator(Optional.empty()), 1, 10, Clock.systemUTC());
             ProfileRefresh refresh = ProfileRefresh.regenerating(store, memories, jobs, 4)) {
            var pool2 = JdbcConnectionPool.create("jdbc:h2:mem:hooks-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", "sa", "");
            try {
                WebhookOutbox outbox = new WebhookOutbox(JdbcWebhookStore.migrating(JdbcDatabase.h2(pool2)), Clock.systemUTC(), refresh);
                Scope alice = Scope.user("alice");
                outbox.added(T, memory.add("I live in Paris.", alice).events());
                outbox.added(T, memory.add("I work as a nurse at the city hospital.", alice).events());
                outbox.added(T, memory.add("I am allergic to peanuts.", alice).events());
                await(() -> store.profile(T, "alice").map(UserProfile::changes).orElse(0) == 3);
                assertThat(store.profile(T, "alice").orElseThrow().status()).as("three changes are not enough").isNull();

                outbox.added(T, memory.add("I moved to Berlin.", alice).events());
                await(() -> store.profile(T, "alice").map(UserProfile::status).orElse(null) == ProfileStatus.SUCCEEDED);
                UserProfile regenerated = store.profile(T, "alice").orElseThrow();
                assertThat(regenerated.profileJson()).contains("Berlin").doesNotContain("Paris");
                assertThat(regenerated.changes()).isZero();
            } finally {
                pool2.dispose();
            }
        }
    }

    private static void await(BooleanSupplier done) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (System.nanoTime() < deadline) {
            if (done.getAsBoolean()) return;
            Thread.sleep(20);
        }
        throw new AssertionError("timed out");
    }
}
