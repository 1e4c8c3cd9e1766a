package dev.engram.gateway.rest.dto;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.Map;

/** The body of {@code POST /v1/exports/get/}, for the OpenAPI document only: one of the two fields is required. */
@Schema(description = "Which memory export to read")
public record ExportGetBody(
        @Schema(description = "The export's id, as POST /v1/exports/ answered it") String memoryExportId,
        @Schema(description = "Without an id: the newest completed export made with these filters") Map<String, Object> filters,
        @Schema(description = "Python's flat filter, ANDed with filters") String userId,
        @Schema(description = "Python's flat filter, ANDed with filters") String agentId,
        @Schema(description = "Python's flat filter, ANDed with filters") String appId,
        @Schema(description = "Python's flat filter, ANDed with filters") String runId) {
}
