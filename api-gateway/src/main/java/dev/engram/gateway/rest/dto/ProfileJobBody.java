package dev.engram.gateway.rest.dto;

/**
 * The body of {@code POST /v2/profiles/jobs/} (documentation only: the route reads raw JSON for its precise 400s).
 *
 * @param operation  {@code trigger} (one user, {@code entity_id}) or {@code sample} (up to {@code limit} users)
 * @param entityType {@code user}, the only entity type with profiles
 * @param limit      sample size, 1 to 20 (5 by default)
 */
public record ProfileJobBody(String operation, String entityType, String entityId, Integer limit) {
}
