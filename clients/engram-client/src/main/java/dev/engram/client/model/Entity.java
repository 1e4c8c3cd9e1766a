package dev.engram.client.model;

import java.time.OffsetDateTime;

/** A user, agent, app or run that has memories ({@code type} is {@code user}, {@code agent}, {@code app} or {@code run}). */
public record Entity(String id, String name, String type, OffsetDateTime createdAt, OffsetDateTime updatedAt, long totalMemories) {
}
