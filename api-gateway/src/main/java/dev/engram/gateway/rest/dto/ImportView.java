package dev.engram.gateway.rest.dto;

/** What {@code POST /api/v1/admin/projects/{org_id}/{project_id}/import/} restored. */
public record ImportView(String message, String orgId, String projectId, int imported, int historyEntries, int batches) {
}
