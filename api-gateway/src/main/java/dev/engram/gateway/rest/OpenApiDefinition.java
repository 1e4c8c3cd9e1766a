package dev.engram.gateway.rest;

/**
 * The tags of the OpenAPI document ({@code /q/openapi}). The document's security schemes (an API key as
 * {@code Authorization: Token <key>}, an OIDC access token as {@code Authorization: Bearer <token>}) and the tags'
 * descriptions are in {@code META-INF/openapi.yaml}, which SmallRye OpenAPI merges with what it reads from the resources.
 */
public final class OpenApiDefinition {

    public static final String MEMORIES = "Memories";
    public static final String ENTITIES = "Entities";
    public static final String EVENTS = "Events";
    public static final String PROJECTS = "Projects and webhooks";
    public static final String PROFILES = "Profiles";
    public static final String ADMIN = "Administration";

    private OpenApiDefinition() {
    }
}
