package dev.engram.core.profile;

import dev.engram.core.domain.Tenant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What every {@link ProfileStore} does, whatever the database: profiles, jobs and settings confined to their project
 * (another project neither reads nor changes them), changes counted and taken off by a generation, jobs idempotent per
 * project and key. Each implementation runs it with a thin subclass.
 */
public abstract class AbstractProfileStoreContractTest {

    private static final Instant T0 = Instant.parse("2026-01-02T03:04:05.678Z");

    protected ProfileStore store;
    private Tenant mine;
    private Tenant other;

    /** A store on an empty database. */
    protected abstract ProfileStore createStore();

    @BeforeEach
    void open() {
        store = createStore();
        String run = UUID.randomUUID().toString().substring(0, 8);
        mine = Tenant.of("org-" + run, "p1");
        other = Tenant.of("org-" + run, "p2");
    }

    private ProfileJob job(Tenant tenant, String key, List<String> users) {
        return new ProfileJob(UUID.randomUUID(), tenant, key, ProfileJob.Operation.TRIGGER, ProfileJob.Status.PENDING, users, users.size(),
                0, 0, 0, T0, T0);
    }

    @Test
    void changesAreCountedPerUserAndTakenOffByAGeneration() {
        assertThat(store.profile(mine, "alice")).isEmpty();
        assertThat(store.countChanges(mine, "alice", 2)).isEqualTo(2);
        assertThat(store.countChanges(mine, "alice", 3)).isEqualTo(5);
        assertThat(store.countChanges(mine, "bob", 1)).isEqualTo(1);

        assertThat(store.profile(mine, "alice")).hasValueSatisfying(p -> {
            assertThat(p.status()).isNull();
            assertThat(p.profileJson()).isEqualTo(UserProfile.EMPTY);
            assertThat(p.generationCount()).isZero();
            assertThat(p.updatedAt()).isNull();
        });

        store.markPending(mine, "alice");
        assertThat(store.profile(mine, "alice").orElseThrow().status()).isEqualTo(ProfileStatus.PENDING);
        store.saveResult(mine, "alice", "{\"categories\":{\"food\":[\"Likes ramen\"]}}", ProfileStatus.SUCCEEDED, null, 4, T0);
        UserProfile done = store.profile(mine, "alice").orElseThrow();
        assertThat(done.status()).isEqualTo(ProfileStatus.SUCCEEDED);
        assertThat(done.profileJson()).contains("Likes ramen");
        assertThat(done.generationCount()).isEqualTo(1);
        assertThat(done.changes()).as("the change counted after the generation read its memories stays").isEqualTo(1);
        assertThat(done.updatedAt()).isEqualTo(T0);

        store.saveResult(mine, "alice", null, ProfileStatus.FAILED, "x".repeat(2000), 10, T0.plusSeconds(5));
        UserProfile failed = store.profile(mine, "alice").orElseThrow();
        assertThat(failed.status()).isEqualTo(ProfileStatus.FAILED);
        assertThat(failed.profileJson()).as("a failed generation keeps the last content").contains("Likes ramen");
        assertThat(failed.error()).hasSize(JdbcProfileStore.MAX_ERROR_LENGTH);
        assertThat(failed.generationCount()).isEqualTo(1);
        assertThat(failed.changes()).isZero();
        assertThat(failed.updatedAt()).isEqualTo(T0);
    }

    @Test
    void anotherProjectsProfilesAreInvisibleAndUntouched() {
        store.saveResult(mine, "alice", "{\"a\":1}", ProfileStatus.SUCCEEDED, null, 0, T0);
        assertThat(store.profile(other, "alice")).isEmpty();

        store.countChanges(other, "alice", 7);
        store.saveResult(other, "alice", "{\"b\":2}", ProfileStatus.SUCCEEDED, null, 0, T0);
        assertThat(store.profile(mine, "alice").orElseThrow().profileJson()).isEqualTo("{\"a\":1}");
        assertThat(store.profile(mine, "alice").orElseThrow().changes()).isZero();

        store.deleteTenant(other);
        assertThat(store.profile(other, "alice")).isEmpty();
        assertThat(store.profile(mine, "alice")).isPresent();
    }

    @Test
    void jobsAreIdempotentPerProjectAndKeyAndConfinedToTheirProject() {
        ProfileStore.Created first = store.createJob(job(mine, "key-1", List.of("alice")));
        assertThat(first.replayed()).isFalse();

        ProfileStore.Created again = store.createJob(job(mine, "key-1", List.of("bob")));
        assertThat(again.replayed()).isTrue();
        assertThat(again.job().id()).isEqualTo(first.job().id());
        assertThat(again.job().entityIds()).containsExactly("alice");

        ProfileStore.Created elsewhere = store.createJob(job(other, "key-1", List.of("carol")));
        assertThat(elsewhere.replayed()).as("the same key in another project is another job").isFalse();
        assertThat(elsewhere.job().id()).isNotEqualTo(first.job().id());

        UUID id = first.job().id();
        assertThat(store.job(other, id)).isEmpty();
        assertThat(store.job(mine, id)).hasValueSatisfying(j -> {
            assertThat(j.operation()).isEqualTo(ProfileJob.Operation.TRIGGER);
            assertThat(j.status()).isEqualTo(ProfileJob.Status.PENDING);
            assertThat(j.total()).isEqualTo(1);
            assertThat(j.createdAt()).isEqualTo(T0);
        });

        store.updateJob(first.job().withStatus(ProfileJob.Status.RUNNING, T0).withOutcome(ProfileStatus.SUCCEEDED, T0.plusSeconds(1)));
        // Another project's update of the same id changes nothing.
        ProfileJob forged = new ProfileJob(id, other, "key-1", ProfileJob.Operation.TRIGGER, ProfileJob.Status.FAILED, List.of(), 1, 0, 9, 0, T0, T0);
        store.updateJob(forged);
        assertThat(store.job(mine, id)).hasValueSatisfying(j -> {
            assertThat(j.status()).isEqualTo(ProfileJob.Status.RUNNING);
            assertThat(j.succeeded()).isEqualTo(1);
            assertThat(j.failed()).isZero();
            assertThat(j.completed()).isEqualTo(1);
            assertThat(j.updatedAt()).isEqualTo(T0.plusSeconds(1));
        });
        assertThat(store.unfinishedJobs(1000)).extracting(ProfileJob::id).contains(id);

        store.updateJob(store.job(mine, id).orElseThrow().withStatus(ProfileJob.Status.SUCCEEDED, T0.plusSeconds(2)));
        assertThat(store.unfinishedJobs(1000)).extracting(ProfileJob::id).doesNotContain(id);
        store.deleteTenant(mine);
        assertThat(store.job(mine, id)).isEmpty();
    }

    @Test
    void settingsDefaultToEnabledAndAreKeptPerProject() {
        assertThat(store.settings(mine)).isEqualTo(ProfileSettings.DEFAULTS);
        assertThat(ProfileSettings.DEFAULTS.enabled()).isTrue();

        ProfileSettings mineSettings = new ProfileSettings(false, "{\"type\":\"object\"}", "Be brief");
        store.saveSettings(mine, mineSettings, T0);
        assertThat(store.settings(mine)).isEqualTo(mineSettings);
        assertThat(store.settings(other)).isEqualTo(ProfileSettings.DEFAULTS);

        store.saveSettings(mine, mineSettings.withEnabled(true).withUserSchema(null), T0.plusSeconds(1));
        assertThat(store.settings(mine)).isEqualTo(new ProfileSettings(true, null, "Be brief"));

        store.deleteTenant(mine);
        assertThat(store.settings(mine)).isEqualTo(ProfileSettings.DEFAULTS);
    }
}
