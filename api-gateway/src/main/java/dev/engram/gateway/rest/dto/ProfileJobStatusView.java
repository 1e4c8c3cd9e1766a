package dev.engram.gateway.rest.dto;

import java.time.Instant;
import java.util.List;

/** {@code GET /v2/profiles/jobs/{job_id}/}: the job nests under {@code job}. */
public record ProfileJobStatusView(Job job) {

    /**
     * @param total     the users the job covers (known when it is accepted, so {@code enumeration_complete} is always true)
     * @param completed succeeded + failed + skipped
     */
    public record Job(String id, String operation, String entityType, String status, Integer total, boolean enumerationComplete,
                      int completed, int succeeded, int failed, int skipped, List<String> entityIds, Instant createdAt,
                      Instant updatedAt) {
    }
}
