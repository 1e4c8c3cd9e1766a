package dev.engram.gateway.rest.dto;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.engram.core.export.ExportJob;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.io.UncheckedIOException;
import java.time.Instant;

/**
 * A memory export job and its progress (Engram's {@code GET /v1/exports/{id}/}, and {@code POST /v1/exports/get/} while
 * the export is not finished).
 *
 * @param processed memories written so far
 * @param total     memories matching the filters (known after the first page)
 * @param progress  {@code processed / total}, 0 to 1 (1 once COMPLETED)
 */
@Schema(description = "A memory export job and its progress")
public record ExportJobView(
        String id,
        @Schema(enumeration = {"PENDING", "RUNNING", "COMPLETED", "FAILED"}) String status,
        String message,
        int processed,
        int total,
        double progress,
        @Schema(description = "The filters the export was made with (Mem0's grammar)") JsonNode filters,
        String error,
        Long resultBytes,
        int attempts,
        Instant createdAt,
        Instant startedAt,
        Instant finishedAt) {

    private static final ObjectMapper JSON = new ObjectMapper();

    public static ExportJobView of(ExportJob job) {
        double progress = switch (job.status()) {
            case COMPLETED -> 1.0;
            case PENDING -> 0.0;
            default -> job.total() <= 0 ? 0.0 : Math.min(1.0, (double) job.processed() / job.total());
        };
        String message = switch (job.status()) {
            case PENDING -> "Memory export is queued";
            case RUNNING -> "Memory export is in progress";
            case COMPLETED -> "Memory export is ready";
            case FAILED -> "Memory export failed";
        };
        try {
            return new ExportJobView(job.id().toString(), job.status().name(), message, job.processed(), job.total(), progress,
                    JSON.readTree(job.request().filters()), job.error(), job.resultBytes(), job.attempts(), job.createdAt(), job.startedAt(),
                    job.finishedAt());
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
