package dev.engram.core.export;

import dev.engram.core.domain.Tenant;

import java.time.Instant;
import java.util.UUID;

/**
 * One memory export job of a project: its request, where it is, how far it got ({@code processed} of {@code total}
 * memories) and, once finished, when and why it failed or how large its JSON is. The JSON itself is read apart
 * ({@link ExportJobStore#result}).
 *
 * @param attempts    how many times a runner has started it (more than one after a runner died mid-way)
 * @param heartbeatAt when its runner last reported progress; a RUNNING job silent for too long is taken over
 * @param resultBytes the size of the finished JSON in UTF-8 bytes, null until COMPLETED
 */
public record ExportJob(UUID id, Tenant tenant, ExportStatus status, ExportRequest request, int processed, int total, int attempts,
                        String error, Long resultBytes, Instant createdAt, Instant startedAt, Instant heartbeatAt, Instant finishedAt) {
}
