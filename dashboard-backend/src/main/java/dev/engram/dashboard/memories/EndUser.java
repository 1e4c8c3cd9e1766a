package dev.engram.dashboard.memories;

/** An end user of a project (a Mem0 {@code user_id}) with how many memories they have and when those changed. */
public record EndUser(String userId, long memories, String createdAt, String updatedAt) {
}
