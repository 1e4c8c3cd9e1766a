package dev.engram.gateway.rest.dto;

/** {@code GET /v1/ping/}: the caller's organisation, project and (when the key has one) e-mail. */
public record PingView(String status, String orgId, String projectId, String userEmail) {

    public static PingView ok(String orgId, String projectId, String userEmail) {
        return new PingView("ok", orgId, projectId, userEmail);
    }
}
