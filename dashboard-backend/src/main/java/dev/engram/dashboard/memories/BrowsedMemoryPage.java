package dev.engram.dashboard.memories;

import java.util.List;

/** One page of an end user's memories; {@code count} is the total over all pages. */
public record BrowsedMemoryPage(long count, int page, int pageSize, List<BrowsedMemory> results) {
}
