package dev.engram.gateway.rest.dto;

/** Mem0's answer to a project create: {@code {"message": "Project created successfully", "project_id": "proj_…"}}. */
public record ProjectCreatedView(String message, String projectId) {
}
