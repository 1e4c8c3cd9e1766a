package dev.engram.core.export;

/**
 * What a client asked to export, as received and validated: the filter object (Mem0's grammar, JSON), the JSON schema
 * that shapes the answer (JSON) and the optional free-text instructions.
 */
public record ExportRequest(String filters, String schema, String instructions) {
}
