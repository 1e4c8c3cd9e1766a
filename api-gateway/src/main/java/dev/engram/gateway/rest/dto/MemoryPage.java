package dev.engram.gateway.rest.dto;

import java.util.List;

/** Mem0's pagination envelope over memories; {@code next}/{@code previous} are absolute URLs or null. */
public record MemoryPage(long count, String next, String previous, List<MemoryResult> results) implements MemoryListing {
}
