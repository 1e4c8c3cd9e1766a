package dev.engram.gateway;

import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;

import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Test helpers: requests with a key, and tenants (project plus key) created through the admin API. */
public final class Api {

    private Api() {
    }

    public static RequestSpecification as(String key) {
        return RestAssured.given().header("Authorization", "Token " + key).contentType(ContentType.JSON);
    }

    public static RequestSpecification admin() {
        return as(TempDataDirResource.ADMIN_KEY);
    }

    /** Creates a fresh project in {@code org} and returns a read/write key for it. */
    public static String newTenantKey(String org) {
        String project = "p" + UUID.randomUUID().toString().substring(0, 8);
        admin().body(Map.of("org_id", org, "project_id", project, "name", "test")).post("/api/v1/admin/projects/").then().statusCode(201);
        return admin().body(Map.of("org_id", org, "project_id", project, "name", "k", "scopes", List.of("read", "write"), "user_email", "t@example.com"))
                .post("/api/v1/admin/keys/").then().statusCode(201).extract().path("key");
    }

    /** Adds verbatim ({@code infer:false}, synchronous) and returns the new memory's id. */
    public static String addVerbatim(String key, String userId, String text) {
        return as(key).body(Map.of("messages", List.of(Map.of("role", "user", "content", text)), "user_id", userId, "infer", false))
                .post("/v3/memories/add/").then().statusCode(200).extract().path("results[0].id");
    }
}
