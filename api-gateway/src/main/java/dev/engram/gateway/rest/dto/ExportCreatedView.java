package dev.engram.gateway.rest.dto;

/** Mem0's answer to {@code POST /v1/exports/}: {@code {"message": "Memory export request received…", "id": "<uuid>"}}. */
public record ExportCreatedView(String message, String id) {
}
