package dev.engram.gateway.security;

import dev.engram.gateway.Api;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.build.JwtClaimsBuilder;
import org.junit.jupiter.api.Test;

import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.startsWith;

/**
 * OIDC access tokens from a (WireMock) identity provider authenticate alongside API keys: the tenant, scopes and
 * e-mail come from the token's claims, the project must exist, and a token never reaches another project's memories.
 * Runs in its own JVM (surefire execution {@code oidc}): OIDC on is a second Quarkus configuration.
 */
@QuarkusTest
@QuarkusTestResource(value = OidcProviderResource.class, restrictToAnnotatedClass = true)
class OidcBearerTokenTest {

    private static final String ORG = "org-oidc";

    @Test
    void aValidTokenAuthenticatesAsTheTenantItNames() {
        String project = newProject();
        bearer(token(project).sign()).get("/v1/ping/").then().statusCode(200)
                .body("org_id", equalTo(ORG)).body("project_id", equalTo(project)).body("user_email", equalTo("alice@example.com"));
    }

    @Test
    void aTokenReadsItsOwnProjectAndNeverAnotherOne() {
        String projectA = newProject();
        String projectB = newProject();
        String memoryId = Api.addVerbatim(newKey(projectA, List.of("read", "write")), "shared-user", "Project A secret: the vault code is 4711");
        String tokenA = token(projectA).sign();
        String tokenB = token(projectB).sign();

        bearer(tokenA).get("/v1/memories/" + memoryId + "/").then().statusCode(200).body("memory", equalTo("Project A secret: the vault code is 4711"));
        bearer(tokenB).get("/v1/memories/" + memoryId + "/").then().statusCode(404);
        bearer(tokenB).body(Map.of("query", "vault code", "filters", Map.of("user_id", "shared-user"))).post("/v3/memories/search/")
                .then().statusCode(200).body("results", hasSize(0));
        bearer(tokenB).delete("/v1/memories/" + memoryId + "/").then().statusCode(404);
        bearer(tokenA).body(Map.of("query", "vault code", "filters", Map.of("user_id", "shared-user"))).post("/v3/memories/search/")
                .then().statusCode(200).body("results", hasSize(1)).body("results[0].id", equalTo(memoryId));
    }

    @Test
    void anExpiredTokenIsRefusedWith401() {
        String project = newProject();
        Instant now = Instant.now();
        String expired = token(project).issuedAt(now.minusSeconds(900)).expiresAt(now.minusSeconds(600)).sign();
        assertUnauthorized(bearer(expired));
    }

    @Test
    void aTokenFromAnotherIssuerOrSignedWithAnotherKeyIsRefusedWith401() throws NoSuchAlgorithmException {
        String project = newProject();
        assertUnauthorized(bearer(token(project).issuer("https://impostor.example.com").sign()));
        assertUnauthorized(bearer(token(project).jws().keyId("1").sign(foreignKey())));
        String valid = token(project).sign();
        String tampered = valid.substring(0, valid.lastIndexOf('.') + 1) + "AAAA" + valid.substring(valid.lastIndexOf('.') + 5);
        assertUnauthorized(bearer(tampered));
    }

    @Test
    void aTokenWithoutTheTenantClaimsIsRefusedWith403() {
        String token = Jwt.issuer(OidcProviderResource.ISSUER).subject("carol").claim("email", "carol@example.com").expiresIn(300).sign();
        bearer(token).get("/v1/ping/").then().statusCode(403)
                .body("detail", containsString("engram_org")).body("detail", containsString("engram_project"));
    }

    @Test
    void aTokenForAProjectThatDoesNotExistIsRefusedWith403() {
        bearer(token("p-never-created").sign()).get("/v1/ping/").then().statusCode(403)
                .body("detail", containsString("p-never-created")).body("detail", containsString("does not exist"));
        bearer(tokenFor("org-never-created", "default").sign()).get("/v1/ping/").then().statusCode(403);
    }

    @Test
    void aReadOnlyTokenReadsButCannotWrite() {
        String project = newProject();
        String readOnly = token(project).claim("engram_scopes", List.of("read")).sign();
        bearer(readOnly).get("/v1/ping/").then().statusCode(200).body("project_id", equalTo(project));
        bearer(readOnly).body(Map.of("messages", List.of(Map.of("role", "user", "content", "I like tea")), "user_id", "u", "infer", false))
                .post("/v3/memories/add/").then().statusCode(403).body("detail", containsString("'write'"));
        String spaceSeparated = token(project).claim("engram_scopes", "read write").sign();
        bearer(spaceSeparated).body(Map.of("messages", List.of(Map.of("role", "user", "content", "I like tea")), "user_id", "u", "infer", false))
                .post("/v3/memories/add/").then().statusCode(200);
    }

    @Test
    void aTokenNeverGetsThePlatformAdminScope() {
        String project = newProject();
        String claimsAdmin = token(project).claim("engram_scopes", List.of("read", "write", "admin")).sign();
        bearer(claimsAdmin).get("/v1/ping/").then().statusCode(200);
        bearer(claimsAdmin).get("/api/v1/admin/projects/").then().statusCode(403);
        bearer(claimsAdmin).body(Map.of("org_id", "someone-else", "name", "x")).post("/api/v1/admin/projects/").then().statusCode(403);
    }

    @Test
    void aTokenCannotActForAnotherProject() {
        String mine = newProject();
        String other = newProject();
        String claimsAdmin = token(mine).claim("engram_scopes", List.of("read", "write", "admin")).sign();
        bearer(claimsAdmin).header("X-Engram-Org-Id", ORG).header("X-Engram-Project-Id", other).get("/v1/entities/")
                .then().statusCode(403).body("detail", containsString("admin"));
    }

    @Test
    void apiKeysStillWorkAlongsideTokens() {
        String project = newProject();
        String key = newKey(project, List.of("read"));
        Api.as(key).get("/v1/ping/").then().statusCode(200).body("project_id", equalTo(project)).body("user_email", equalTo("key@example.com"));
        bearer(key).get("/v1/ping/").then().statusCode(200).body("project_id", equalTo(project));
        bearer("eng_" + "x".repeat(40)).get("/v1/ping/").then().statusCode(401).body("detail", startsWith("Invalid API key"));
    }

    private static JwtClaimsBuilder token(String project) {
        return tokenFor(ORG, project);
    }

    private static JwtClaimsBuilder tokenFor(String org, String project) {
        return Jwt.issuer(OidcProviderResource.ISSUER).subject("alice").claim("email", "alice@example.com")
                .claim("engram_org", org).claim("engram_project", project).expiresIn(300);
    }

    private static void assertUnauthorized(RequestSpecification request) {
        request.get("/v1/ping/").then().statusCode(401).body("detail", startsWith("Invalid bearer token"));
    }

    private static RequestSpecification bearer(String credential) {
        return RestAssured.given().header("Authorization", "Bearer " + credential).contentType(ContentType.JSON);
    }

    private static PrivateKey foreignKey() throws NoSuchAlgorithmException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        return generator.generateKeyPair().getPrivate();
    }

    private static String newProject() {
        String project = "p" + UUID.randomUUID().toString().substring(0, 8);
        Api.admin().body(Map.of("org_id", ORG, "project_id", project, "name", "oidc test")).post("/api/v1/admin/projects/").then().statusCode(201);
        return project;
    }

    private static String newKey(String project, List<String> scopes) {
        return Api.admin().body(Map.of("org_id", ORG, "project_id", project, "name", "k", "scopes", scopes, "user_email", "key@example.com"))
                .post("/api/v1/admin/keys/").then().statusCode(201).extract().path("key");
    }
}
