package dev.engram.core.tenant;

import dev.engram.core.domain.Tenant;
import dev.engram.core.error.ValidationException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

/**
 * What every {@link ApiKeyStore} does, whatever the database: keys found by their text only through its hash, confined
 * to their project, revocation, projects listed per organisation, and each project's defaults. Each implementation runs it with a thin subclass.
 */
public abstract class AbstractApiKeyStoreContractTest {

    private static final Instant T0 = Instant.parse("2026-01-02T03:04:05.678Z");

    protected ApiKeyStore store;
    private String run;

    /** A store on an empty (or at least unrelated) database. */
    protected abstract ApiKeyStore createStore();

    @BeforeEach
    void open() {
        store = createStore();
        run = UUID.randomUUID().toString().substring(0, 8); // tenants unique per test, for stores on a shared database
    }

    private Tenant tenant(String org, String project) {
        return Tenant.of(org + "-" + run, project);
    }

    @Test
    void projectIsCreatedOnceAndListedPerOrganisation() {
        Tenant a1 = tenant("org-a", "p1"), a2 = tenant("org-a", "p2"), b1 = tenant("org-b", "p1");
        assertThat(store.createProject(a1, "First", T0)).isTrue();
        assertThat(store.createProject(a1, "Again", T0.plusSeconds(1))).isFalse();
        store.createProject(a2, "Second", T0.plusSeconds(2));
        store.createProject(b1, "Other org", T0.plusSeconds(3));

        assertThat(store.project(a1)).hasValueSatisfying(p -> {
            assertThat(p.name()).isEqualTo("First");
            assertThat(p.createdAt()).isEqualTo(T0);
        });
        assertThat(store.projects(a1.orgId())).extracting(Project::tenant).containsExactly(a1, a2);
        assertThat(store.projects(b1.orgId())).extracting(Project::tenant).containsExactly(b1);
        assertThat(store.projects(null)).extracting(Project::tenant).contains(a1, a2, b1);
        assertThat(store.project(tenant("org-c", "p1"))).isEmpty();
    }

    @Test
    void keyIsFoundByItsTextAndKeepsOnlyItsPrefix() {
        Tenant t = tenant("org-k", "p");
        store.createProject(t, "P", T0);
        String text = ApiKeys.generate();
        ApiKey created = store.createKey(t, "ci", text, EnumSet.of(KeyScope.READ, KeyScope.WRITE), "dev@example.com", T0);

        assertThat(created.prefix()).isEqualTo(text.substring(0, 12)).isNotEqualTo(text);
        assertThat(store.findByKey(text)).hasValueSatisfying(k -> {
            assertThat(k.id()).isEqualTo(created.id());
            assertThat(k.tenant()).isEqualTo(t);
            assertThat(k.scopes()).containsExactlyInAnyOrder(KeyScope.READ, KeyScope.WRITE);
            assertThat(k.userEmail()).isEqualTo("dev@example.com");
            assertThat(k.createdAt()).isEqualTo(T0);
            assertThat(k.active()).isTrue();
        });
        assertThat(store.findByKey(text + "x")).isEmpty();
        assertThat(store.findByKey(created.prefix())).isEmpty();
    }

    @Test
    void aKeyKeepsItsDefaultUserAndItCanBeChangedOrCleared() {
        Tenant t = tenant("org-du", "p");
        store.createProject(t, "P", T0);
        String text = ApiKeys.generate();
        ApiKey created = store.createKey(t, "mcp", text, Set.of(KeyScope.READ, KeyScope.WRITE), null, " alice ", T0);
        ApiKey plain = store.createKey(t, "plain", ApiKeys.generate(), Set.of(KeyScope.READ), null, T0);

        assertThat(created.defaultUserId()).isEqualTo("alice");
        assertThat(store.findByKey(text)).hasValueSatisfying(k -> assertThat(k.defaultUserId()).isEqualTo("alice"));
        assertThat(plain.defaultUserId()).isNull();

        assertThat(store.setDefaultUser(plain.id(), "bob@example.com")).isTrue();
        assertThat(store.setDefaultUser(created.id(), " ")).isTrue();
        assertThat(store.keys(t)).extracting(ApiKey::name, ApiKey::defaultUserId)
                .containsExactlyInAnyOrder(tuple("mcp", null), tuple("plain", "bob@example.com"));
        assertThat(store.findById(plain.id())).hasValueSatisfying(k -> assertThat(k.defaultUserId()).isEqualTo("bob@example.com"));
        assertThat(store.findById(UUID.randomUUID())).isEmpty();
        assertThat(store.setDefaultUser(UUID.randomUUID(), "carol")).isFalse();
        assertThatThrownBy(() -> store.setDefaultUser(plain.id(), "two words")).isInstanceOf(ValidationException.class)
                .hasMessageContaining("default_user_id");
        assertThatThrownBy(() -> store.setDefaultUser(plain.id(), "u".repeat(257))).isInstanceOf(ValidationException.class);
        assertThatThrownBy(() -> store.createKey(t, "bad", ApiKeys.generate(), Set.of(KeyScope.READ), null, "*", T0))
                .isInstanceOf(ValidationException.class);
        assertThat(store.keys(t)).extracting(ApiKey::defaultUserId).containsExactlyInAnyOrder(null, "bob@example.com");
    }

    @Test
    void keysAreListedOnlyForTheirProject() {
        Tenant a = tenant("org-l", "a"), b = tenant("org-l", "b");
        store.createProject(a, "A", T0);
        store.createProject(b, "B", T0);
        ApiKey ka1 = store.createKey(a, "a1", ApiKeys.generate(), Set.of(KeyScope.READ), null, T0);
        ApiKey ka2 = store.createKey(a, "a2", ApiKeys.generate(), Set.of(KeyScope.WRITE), null, T0.plusSeconds(1));
        ApiKey kb = store.createKey(b, "b1", ApiKeys.generate(), Set.of(KeyScope.READ), null, T0);

        assertThat(store.keys(a)).extracting(ApiKey::id).containsExactly(ka1.id(), ka2.id());
        assertThat(store.keys(b)).extracting(ApiKey::id).containsExactly(kb.id());
        assertThat(store.keys(tenant("org-l", "none"))).isEmpty();
    }

    @Test
    void revokedKeyStaysFoundButInactiveAndTouchRecordsUse() {
        Tenant t = tenant("org-r", "p");
        store.createProject(t, "P", T0);
        String text = ApiKeys.generate();
        ApiKey key = store.createKey(t, "k", text, Set.of(KeyScope.READ), null, T0);
        Instant used = T0.plus(5, ChronoUnit.MINUTES);
        store.touch(key.id(), used);
        assertThat(store.findByKey(text)).hasValueSatisfying(k -> assertThat(k.lastUsedAt()).isEqualTo(used));

        assertThat(store.revoke(key.id(), T0.plusSeconds(600))).isTrue();
        assertThat(store.revoke(key.id(), T0.plusSeconds(900))).isTrue(); // the first revocation time stays
        assertThat(store.findByKey(text)).hasValueSatisfying(k -> {
            assertThat(k.active()).isFalse();
            assertThat(k.revokedAt()).isEqualTo(T0.plusSeconds(600));
        });
        assertThat(store.revoke(UUID.randomUUID(), T0)).isFalse();
    }

    @Test
    void activeAdminKeyIsDetectedAndRevocationClearsIt() {
        Tenant t = tenant("org-adm", "p");
        store.createProject(t, "P", T0);
        store.createKey(t, "reader", ApiKeys.generate(), Set.of(KeyScope.READ), null, T0);
        boolean before = store.hasActiveAdminKey();
        ApiKey admin = store.createKey(t, "admin", ApiKeys.generate(), Set.of(KeyScope.ADMIN, KeyScope.READ), null, T0);
        assertThat(store.hasActiveAdminKey()).isTrue();
        store.revoke(admin.id(), T0.plusSeconds(1));
        assertThat(store.hasActiveAdminKey()).isEqualTo(before);
    }

    @Test
    void defaultsRoundTripWithCategoriesInOrderAndAreListedWithTheProject() {
        Tenant t = tenant("org-d", "p");
        store.createProject(t, "P", T0);
        assertThat(store.project(t)).hasValueSatisfying(p -> assertThat(p.defaults()).isEqualTo(ProjectDefaults.NONE));
        Map<String, String> categories = new LinkedHashMap<>();
        categories.put("zeta", "last letter, listed first");
        categories.put("alpha", "");
        ProjectDefaults defaults = new ProjectDefaults("Only food preferences. \"Quoted\" 日本語", categories, 30, true);

        assertThat(store.updateDefaults(t, defaults, T0.plusSeconds(1))).isTrue();

        assertThat(store.project(t)).hasValueSatisfying(p -> {
            assertThat(p.defaults()).isEqualTo(defaults);
            assertThat(p.defaults().categories().keySet()).containsExactly("zeta", "alpha");
            assertThat(p.name()).isEqualTo("P");
        });
        assertThat(store.projects(t.orgId())).singleElement().extracting(Project::defaults).isEqualTo(defaults);
    }

    @Test
    void updatingDefaultsReplacesThemAndNoneClearsThem() {
        Tenant t = tenant("org-u", "p");
        store.createProject(t, "P", T0);
        store.updateDefaults(t, new ProjectDefaults("first", Map.of("a", "A"), 7, true), T0);

        ProjectDefaults second = new ProjectDefaults(null, null, 90, false);
        assertThat(store.updateDefaults(t, second, T0.plusSeconds(1))).isTrue();
        assertThat(store.project(t)).hasValueSatisfying(p -> assertThat(p.defaults()).isEqualTo(second));

        assertThat(store.updateDefaults(t, ProjectDefaults.NONE, T0.plusSeconds(2))).isTrue();
        assertThat(store.project(t)).hasValueSatisfying(p -> assertThat(p.defaults().isNone()).isTrue());
    }

    @Test
    void defaultsOfAnUnknownProjectAreRefused() {
        Tenant unknown = tenant("org-n", "none");
        assertThat(store.updateDefaults(unknown, new ProjectDefaults("x", null, null, false), T0)).isFalse();
        assertThat(store.project(unknown)).isEmpty();
    }

    @Test
    void defaultsBelongToOneProjectOnly() {
        Tenant a = tenant("org-i", "a"), b = tenant("org-i", "b"), other = tenant("org-j", "a");
        store.createProject(a, "A", T0);
        store.createProject(b, "B", T0);
        store.createProject(other, "Other org, same project id", T0);
        ProjectDefaults bDefaults = new ProjectDefaults("b's rules", Map.of("b", ""), 1, false);
        store.updateDefaults(b, bDefaults, T0);

        store.updateDefaults(a, new ProjectDefaults("a's rules", Map.of("a", ""), 5, true), T0.plusSeconds(1));

        assertThat(store.project(b)).hasValueSatisfying(p -> assertThat(p.defaults()).isEqualTo(bDefaults));
        assertThat(store.project(other)).hasValueSatisfying(p -> assertThat(p.defaults()).isEqualTo(ProjectDefaults.NONE));
        assertThat(store.project(a)).hasValueSatisfying(p -> assertThat(p.defaults().customInstructions()).isEqualTo("a's rules"));
    }
}
