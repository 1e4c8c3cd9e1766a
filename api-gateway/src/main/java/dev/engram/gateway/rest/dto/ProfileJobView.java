package dev.engram.gateway.rest.dto;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.List;

/**
 * An accepted profile job ({@code POST /v2/profiles/jobs/}): poll {@code status_url}. {@code replayed} is true when the
 * request's {@code Idempotency-Key} had already created this job; {@code sampled} and {@code entity_ids} only for samples.
 */
public record ProfileJobView(String jobId, String status, String statusUrl, String operation, String entityType, int entityCountReserved,
                             String eventId, boolean replayed,
                             @JsonInclude(JsonInclude.Include.NON_NULL) Integer sampled,
                             @JsonInclude(JsonInclude.Include.NON_NULL) List<String> entityIds) {
}
