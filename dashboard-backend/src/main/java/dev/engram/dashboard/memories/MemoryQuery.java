package dev.engram.dashboard.memories;

/** The body of {@code POST …/memories/search}: whose memories, what to look for, how many results (default 10). */
public record MemoryQuery(String userId, String query, Integer topK) {
}
