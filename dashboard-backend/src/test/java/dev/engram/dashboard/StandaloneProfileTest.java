package dev.engram.dashboard;

import dev.engram.dashboard.identity.Role;
import dev.engram.dashboard.store.DashboardSqlDialect;
import dev.engram.dashboard.store.ExtractionMode;
import dev.engram.dashboard.store.Invitation;
import dev.engram.dashboard.store.InvitationStore;
import dev.engram.dashboard.store.MembershipStore;
import dev.engram.dashboard.store.OrganisationStore;
import dev.engram.dashboard.store.ProjectSettings;
import dev.engram.dashboard.store.ProjectSettingsStore;
import dev.engram.dashboard.store.UserStore;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The standalone build's configuration (profile "standalone", re-augmented for this test as the pom's standalone execution
 * builds it): the "dashboard" datasource is an H2 file under engram.data-dir, migrated from db/dashboard-h2, and Hibernate's
 * validation of the entities against it passed, or the application would not have started. No PostgreSQL, Kafka or
 * identity provider runs for this test.
 */
@QuarkusTest
@TestProfile(StandaloneProfileTest.Standalone.class)
class StandaloneProfileTest {

    /** The data directory the launcher would pass (ENGRAM_DATA_DIR); under target/, so a clean build removes it. */
    static final String LOCAL_ADMIN_TOKEN = "standalone-profile-test-local-administrator-secret";
    static final String USAGE_TOKEN = "standalone-profile-test-usage-secret";
    static final Path DATA_DIR = Path.of("target", "standalone-profile-test", UUID.randomUUID().toString()).toAbsolutePath();

    public static class Standalone implements QuarkusTestProfile {

        @Override
        public String getConfigProfile() {
            return "standalone";
        }

        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("engram.data-dir", DATA_DIR.toString(), "engram.dashboard.local-admin.token", LOCAL_ADMIN_TOKEN,
                    "engram.dashboard.usage.ingest-token", USAGE_TOKEN, "engram.dashboard.usage.retention", "36500d");
        }

        @Override
        public boolean disableGlobalTestResources() {
            return true;
        }
    }

    @Inject
    DashboardSqlDialect dialect;
    @Inject
    OrganisationStore organisations;
    @Inject
    MembershipStore memberships;
    @Inject
    InvitationStore invitations;
    @Inject
    ProjectSettingsStore settings;
    @Inject
    UserStore users;

    @Test
    void readyOnAnH2FileUnderTheDataDirectory() {
        given().get("/q/health/ready").then().statusCode(200);
        assertThat(dialect).isEqualTo(DashboardSqlDialect.H2);
        assertThat(DATA_DIR.resolve("dashboard").resolve("dashboard.mv.db")).isRegularFile();
    }

    @Test
    void theEntitiesReadAndWriteTheH2Schema() {
        String org = "org-" + UUID.randomUUID();
        Instant at = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        QuarkusTransaction.requiringNew().run(() -> {
            organisations.create(org, "Acme", at);
            memberships.add(org, "sub-1", "owner@example.com", "Owner", Role.OWNER, at);
            settings.save(org, "default", new ProjectSettings("Be brief.", List.of("a", "b"), ExtractionMode.LLM, "openai",
                    "gpt-4o-mini", null, 30, List.of(new ProjectSettings.Webhook("https://hooks.example.com/x", List.of("memory.created"))), null), at);
        });
        assertThat(organisations.find(org).orElseThrow().createdAt()).isEqualTo(at);
        assertThat(memberships.find(org, "sub-1").orElseThrow().role()).isEqualTo(Role.OWNER);
        ProjectSettings saved = settings.find(org, "default").orElseThrow();
        assertThat(saved.customInstructions()).isEqualTo("Be brief.");
        assertThat(saved.categories()).containsExactly("a", "b");
        assertThat(saved.extractionMode()).isEqualTo(ExtractionMode.LLM);
        assertThat(saved.webhooks()).containsExactly(new ProjectSettings.Webhook("https://hooks.example.com/x", List.of("memory.created")));
    }

    /** PostgreSQL's partial unique index, on H2 a unique generated column: one pending invitation per address. */
    @Test
    void onePendingInvitationPerAddressAndOrganisation() {
        String org = "org-" + UUID.randomUUID();
        Instant at = Instant.now();
        Invitation first = QuarkusTransaction.requiringNew().call(() -> {
            organisations.create(org, "Acme", at);
            return invitations.create(org, "ann@example.com", Role.MEMBER, "sub-1", at);
        });
        assertThatThrownBy(() -> QuarkusTransaction.requiringNew().run(
                () -> invitations.create(org, "ann@example.com", Role.READER, "sub-1", at)))
                .hasStackTraceContaining("UQ_INVITATIONS_PENDING");

        QuarkusTransaction.requiringNew().run(() -> invitations.markAccepted(org, first.id(), at));
        QuarkusTransaction.requiringNew().run(() -> invitations.create(org, "ann@example.com", Role.READER, "sub-1", at));
        assertThat(invitations.pending(org, "ann@example.com").orElseThrow().role()).isEqualTo(Role.READER);
    }

    /** Sign-ups serialise on H2 too: a second lock waits until the first transaction ends. */
    @Test
    void aSecondSignUpLockWaitsForTheFirstTransaction() throws Exception {
        CountDownLatch locked = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        CompletableFuture<Void> first = CompletableFuture.runAsync(() -> QuarkusTransaction.requiringNew().run(() -> {
            users.lockSubject("alice");
            locked.countDown();
            await(release);
        }));
        assertThat(locked.await(10, TimeUnit.SECONDS)).isTrue();
        CompletableFuture<Void> second = CompletableFuture.runAsync(() -> QuarkusTransaction.requiringNew().run(() -> users.lockSubject("alice")));
        Thread.sleep(500);
        assertThat(second).isNotDone();
        release.countDown();
        first.get(10, TimeUnit.SECONDS);
        second.get(10, TimeUnit.SECONDS);
    }

    private static void await(CountDownLatch latch) {
        try {
            if (!latch.await(10, TimeUnit.SECONDS)) throw new AssertionError("not released");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
