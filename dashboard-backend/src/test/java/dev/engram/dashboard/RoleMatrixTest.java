package dev.engram.dashboard;

import dev.engram.dashboard.identity.Role;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.BiFunction;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Drives every dashboard endpoint as owner, admin, member, reader and non-member, and asserts that exactly the roles of
 * the rights matrix (docs/dashboard.md) succeed: the others get 403, non-members 404.
 */
@QuarkusTest
@TestProfile(DashboardTestResources.class)
class RoleMatrixTest {

    enum Who { OWNER, ADMIN, MEMBER, READER, OUTSIDER }

    /** An organisation with one person in each role (plus a second owner), and someone outside it. */
    record Org(String id, Map<Who, Tokens.Person> people) {
        Tokens.Person owner() {
            return people.get(Who.OWNER);
        }

        String path(String suffix) {
            return "/api/v1/orgs/" + id + suffix;
        }
    }

    /**
     * One endpoint: the least role it needs (null: any signed-in person), whether each call needs an organisation of its
     * own (the call changes or deletes it), and the call.
     */
    record Case(String name, Role least, boolean freshOrg, BiFunction<Org, Tokens.Person, Response> call) {
        @Override
        public String toString() {
            return name;
        }
    }

    private static Org shared;
    private static final String MEMORY_ID = UUID.randomUUID().toString();
    private static final String WEBHOOK_ID = UUID.randomUUID().toString();

    static Stream<Case> endpoints() {
        List<Case> cases = new ArrayList<>(List.of(
                new Case("GET /me", null, false, (o, p) -> p.request().get("/api/v1/me")),
                new Case("GET /orgs", null, false, (o, p) -> p.request().get("/api/v1/orgs")),
                new Case("POST /orgs", null, false, (o, p) -> p.request().body(Map.of("name", "Side org")).post("/api/v1/orgs")),
                new Case("GET org", Role.READER, false, (o, p) -> p.request().get(o.path(""))),
                new Case("PATCH org", Role.ADMIN, false, (o, p) -> p.request().body(Map.of("name", "Renamed")).patch(o.path(""))),
                new Case("DELETE org", Role.OWNER, true, (o, p) -> p.request().delete(o.path(""))),
                new Case("GET members", Role.READER, false, (o, p) -> p.request().get(o.path("/members"))),
                new Case("GET audit log", Role.OWNER, false, (o, p) -> p.request().get(o.path("/audit"))),
                new Case("PATCH member role", Role.ADMIN, false, (o, p) -> p.request().body(Map.of("role", "member"))
                        .patch(o.path("/members/" + join(o, Role.READER).subject()))),
                new Case("DELETE member", Role.ADMIN, false, (o, p) -> p.request().delete(o.path("/members/" + join(o, Role.READER).subject()))),
                new Case("POST leave", Role.READER, true, (o, p) -> p.request().post(o.path("/leave"))),
                new Case("GET invitations", Role.ADMIN, false, (o, p) -> p.request().get(o.path("/invitations"))),
                new Case("POST invitation", Role.ADMIN, false, (o, p) -> p.request()
                        .body(Map.of("email", Tokens.person("Invitee").email(), "role", "member")).post(o.path("/invitations"))),
                new Case("DELETE invitation", Role.ADMIN, false, (o, p) -> p.request().delete(o.path("/invitations/" + invitation(o)))),
                new Case("GET projects", Role.READER, false, (o, p) -> p.request().get(o.path("/projects"))),
                new Case("POST project", Role.ADMIN, false, (o, p) -> p.request().body(Map.of("name", "Project " + UUID.randomUUID()))
                        .post(o.path("/projects"))),
                new Case("GET project", Role.READER, false, (o, p) -> p.request().get(o.path("/projects/default"))),
                new Case("DELETE project", Role.ADMIN, false, (o, p) -> p.request().delete(o.path("/projects/" + project(o)))),
                new Case("GET keys", Role.READER, false, (o, p) -> p.request().get(o.path("/projects/default/keys"))),
                new Case("POST key", Role.MEMBER, false, (o, p) -> p.request().body(Map.of("name", "k", "scopes", List.of("read", "write")))
                        .post(o.path("/projects/default/keys"))),
                new Case("POST admin-scope key", Role.ADMIN, false, (o, p) -> p.request().body(Map.of("name", "k", "scopes", List.of("admin")))
                        .post(o.path("/projects/default/keys"))),
                new Case("DELETE own key", Role.MEMBER, false, (o, p) -> p.request().delete(o.path("/projects/default/keys/" + ownKey(o, p)))),
                new Case("DELETE owner's key", Role.ADMIN, false, (o, p) -> p.request().delete(o.path("/projects/default/keys/" + key(o, o.owner())))),
                new Case("PATCH own key", Role.MEMBER, false, (o, p) -> p.request().body(Map.of("default_user_id", "alice"))
                        .patch(o.path("/projects/default/keys/" + ownKey(o, p)))),
                new Case("PATCH owner's key", Role.ADMIN, false, (o, p) -> p.request().body(Map.of("default_user_id", "alice"))
                        .patch(o.path("/projects/default/keys/" + key(o, o.owner())))),
                new Case("GET llm profiles", Role.READER, false, (o, p) -> p.request().get(o.path("/projects/default/llm-profiles"))),
                new Case("GET settings", Role.READER, false, (o, p) -> p.request().get(o.path("/projects/default/settings"))),
                new Case("PUT settings", Role.ADMIN, false, (o, p) -> p.request().body(Map.of("categories", List.of("food")))
                        .put(o.path("/projects/default/settings"))),
                // The console's webhooks, against the stand-in gateway's default answers (memories.GatewayStubResource).
                new Case("GET webhooks", Role.READER, false, (o, p) -> p.request().get(o.path("/projects/default/webhooks"))),
                new Case("POST webhook", Role.ADMIN, false, (o, p) -> p.request().body(Map.of("name", "hook", "url", "https://hooks.example.com/x"))
                        .post(o.path("/projects/default/webhooks"))),
                new Case("PUT webhook", Role.ADMIN, false, (o, p) -> p.request().body(Map.of("is_active", false))
                        .put(o.path("/projects/default/webhooks/" + WEBHOOK_ID))),
                new Case("DELETE webhook", Role.ADMIN, false, (o, p) -> p.request().delete(o.path("/projects/default/webhooks/" + WEBHOOK_ID))),
                new Case("GET webhook deliveries", Role.READER, false, (o, p) -> p.request()
                        .get(o.path("/projects/default/webhooks/" + WEBHOOK_ID + "/deliveries"))),
                // The console's memory exports, against the stand-in gateway's default answers (memories.GatewayStubResource).
                new Case("GET exports", Role.READER, false, (o, p) -> p.request().get(o.path("/projects/default/exports"))),
                new Case("POST export", Role.MEMBER, false, (o, p) -> p.request().body(Map.of()).post(o.path("/projects/default/exports"))),
                new Case("GET export", Role.READER, false, (o, p) -> p.request().get(o.path("/projects/default/exports/" + WEBHOOK_ID))),
                new Case("GET export download", Role.MEMBER, false, (o, p) -> p.request()
                        .get(o.path("/projects/default/exports/" + WEBHOOK_ID + "/download"))),
                // The memory browser, against the stand-in gateway's default answers (memories.GatewayStubResource).
                new Case("GET memory users", Role.READER, false, (o, p) -> p.request().get(o.path("/projects/default/memories/users"))),
                new Case("GET memories", Role.READER, false, (o, p) -> p.request().get(o.path("/projects/default/memories?user_id=alice"))),
                new Case("POST memory search", Role.READER, false, (o, p) -> p.request().body(Map.of("user_id", "alice", "query", "tea"))
                        .post(o.path("/projects/default/memories/search"))),
                new Case("GET memory", Role.READER, false, (o, p) -> p.request().get(o.path("/projects/default/memories/" + MEMORY_ID))),
                new Case("GET memory history", Role.READER, false, (o, p) -> p.request()
                        .get(o.path("/projects/default/memories/" + MEMORY_ID + "/history"))),
                new Case("DELETE memory", Role.MEMBER, false, (o, p) -> p.request().delete(o.path("/projects/default/memories/" + MEMORY_ID)))));
        return cases.stream();
    }

    static Stream<Object[]> matrix() {
        return endpoints().flatMap(c -> Stream.of(Who.values()).map(w -> new Object[]{c, w}));
    }

    @ParameterizedTest(name = "{0} as {1}")
    @MethodSource("matrix")
    void exactlyTheAllowedRolesSucceed(Case endpoint, Who who) {
        Org org = endpoint.freshOrg() ? orgWithEveryRole() : shared();
        Response r = endpoint.call().apply(org, org.people().get(who));
        int expected = expectedStatus(endpoint.least(), who);
        if (expected == 200) {
            assertThat(r.statusCode()).as(r.asString()).isBetween(200, 299);
        } else {
            assertThat(r.statusCode()).as(r.asString()).isEqualTo(expected);
            assertThat(r.contentType()).startsWith("application/problem+json");
        }
    }

    @Test
    void ownerOnlyRulesDependOnTheTarget() {
        Org org = orgWithEveryRole();
        Tokens.Person admin = org.people().get(Who.ADMIN);
        String coOwner = org.people().get(Who.OWNER).subject();
        // An admin may not demote or remove an owner, nor make one, nor invite one.
        assertThat(admin.request().body(Map.of("role", "admin")).patch(org.path("/members/" + coOwner)).statusCode()).isEqualTo(403);
        assertThat(admin.request().delete(org.path("/members/" + coOwner)).statusCode()).isEqualTo(403);
        String member = org.people().get(Who.MEMBER).subject();
        assertThat(admin.request().body(Map.of("role", "owner")).patch(org.path("/members/" + member)).statusCode()).isEqualTo(403);
        assertThat(admin.request().body(Map.of("email", "boss@example.com", "role", "owner")).post(org.path("/invitations")).statusCode())
                .isEqualTo(403);
        // An owner may; but the last owner can neither be demoted nor leave.
        Tokens.Person owner = org.owner();
        assertThat(owner.request().body(Map.of("role", "owner")).patch(org.path("/members/" + member)).statusCode()).isEqualTo(200);
        assertThat(owner.request().body(Map.of("role", "reader")).patch(org.path("/members/" + member)).statusCode()).isEqualTo(200);
        assertThat(owner.request().delete(org.path("/members/" + org.people().get(Who.OUTSIDER).subject())).statusCode()).isEqualTo(404);
        String second = secondOwner(org);
        assertThat(owner.request().delete(org.path("/members/" + second)).statusCode()).isEqualTo(204);
        assertThat(owner.request().body(Map.of("role", "admin")).patch(org.path("/members/" + owner.subject())).statusCode()).isEqualTo(409);
        assertThat(owner.request().post(org.path("/leave")).statusCode()).isEqualTo(409);
    }

    @Test
    void membersRevokeOnlyTheirOwnKeys() {
        Org org = shared();
        Tokens.Person member = org.people().get(Who.MEMBER);
        String adminsKey = key(org, org.people().get(Who.ADMIN));
        assertThat(member.request().delete(org.path("/projects/default/keys/" + adminsKey)).statusCode()).isEqualTo(403);
        String membersKey = key(org, member);
        assertThat(org.people().get(Who.ADMIN).request().delete(org.path("/projects/default/keys/" + membersKey)).statusCode())
                .isEqualTo(200);
    }

    private static int expectedStatus(Role least, Who who) {
        if (least == null) return 200;
        if (who == Who.OUTSIDER) return 404;
        return Role.valueOf(who.name()).atLeast(least) ? 200 : 403;
    }

    private static synchronized Org shared() {
        if (shared == null) shared = orgWithEveryRole();
        return shared;
    }

    /** A fresh organisation: its owner signed up, a second owner, an admin, a member and a reader joined by invitation. */
    private static Org orgWithEveryRole() {
        Map<Who, Tokens.Person> people = new EnumMap<>(Who.class);
        Tokens.Person owner = Tokens.person("Owner");
        people.put(Who.OWNER, owner);
        String id = owner.request().get("/api/v1/me").then().statusCode(200).extract().jsonPath().getString("organisations[0].id");
        Org org = new Org(id, people);
        for (Who w : List.of(Who.ADMIN, Who.MEMBER, Who.READER)) people.put(w, join(org, Role.valueOf(w.name())));
        join(org, Role.OWNER);
        Tokens.Person outsider = Tokens.person("Outsider");
        outsider.request().get("/api/v1/me").then().statusCode(200);
        people.put(Who.OUTSIDER, outsider);
        return org;
    }

    /** A new person invited by the owner with {@code role}, who then signs in. */
    private static Tokens.Person join(Org org, Role role) {
        Tokens.Person p = Tokens.person(role.wireName());
        org.owner().request().body(Map.of("email", p.email(), "role", role.wireName())).post(org.path("/invitations")).then().statusCode(201);
        p.request().get("/api/v1/me").then().statusCode(200);
        return p;
    }

    private static String secondOwner(Org org) {
        return org.owner().request().get(org.path("/members")).jsonPath().getList("findAll { it.role == 'owner' }.subject", String.class)
                .stream().filter(s -> !s.equals(org.owner().subject())).findFirst().orElseThrow();
    }

    private static String invitation(Org org) {
        return org.owner().request().body(Map.of("email", Tokens.person("Pending").email(), "role", "reader"))
                .post(org.path("/invitations")).then().statusCode(201).extract().jsonPath().getString("id");
    }

    private static String project(Org org) {
        return org.owner().request().body(Map.of("name", "Doomed " + UUID.randomUUID())).post(org.path("/projects"))
                .then().statusCode(201).extract().jsonPath().getString("id");
    }

    private static String key(Org org, Tokens.Person creator) {
        return creator.request().body(Map.of("name", "fixture", "scopes", List.of("read"))).post(org.path("/projects/default/keys"))
                .then().statusCode(201).extract().jsonPath().getString("id");
    }

    /** A key the caller created when their role lets them create keys, else one the owner created. */
    private static String ownKey(Org org, Tokens.Person caller) {
        boolean canCreate = org.people().entrySet().stream().anyMatch(e -> e.getValue() == caller && e.getKey() != Who.OUTSIDER
                && Role.valueOf(e.getKey().name()).atLeast(Role.MEMBER));
        return key(org, canCreate ? caller : org.owner());
    }
}
