package dev.engram.gateway;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

/**
 * With OIDC off (the default) {@code Bearer} still carries API keys, a JWT is refused like any unknown credential, and
 * Quarkus' own security (quarkus-oidc is on the class path) leaves open routes and key checks alone.
 */
@QuarkusTest
@QuarkusTestResource(TempDataDirResource.class)
class BearerAuthWithoutOidcTest {

    @Test
    void aBearerApiKeyAuthenticates() {
        RestAssured.given().header("Authorization", "Bearer " + TempDataDirResource.ADMIN_KEY).get("/v1/ping/")
                .then().statusCode(200).body("status", equalTo("ok"));
    }

    @Test
    void aBearerJwtIsRefusedWhenOidcIsOff() {
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        String jwt = b64.encodeToString("{\"alg\":\"RS256\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8)) + "."
                + b64.encodeToString("{\"sub\":\"alice\",\"engram_org\":\"default\",\"engram_project\":\"default\"}".getBytes(StandardCharsets.UTF_8))
                + "." + b64.encodeToString(new byte[256]);
        RestAssured.given().header("Authorization", "Bearer " + jwt).get("/v1/ping/")
                .then().statusCode(401).body("detail", startsWith("Invalid API key"));
    }

    @Test
    void healthNeedsNoCredentials() {
        RestAssured.given().get("/q/health/live").then().statusCode(200);
    }
}
