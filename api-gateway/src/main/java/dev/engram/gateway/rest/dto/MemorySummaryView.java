package dev.engram.gateway.rest.dto;

import dev.engram.gateway.service.SummaryService;

import java.util.List;
import java.util.Map;

/**
 * One item of Mem0's summary answer (an array; Mem0 documents no item shape, so this is Engram's): how many memories
 * matched, the current facts shown by category, and them as one text.
 */
public record MemorySummaryView(int totalMemories, Map<String, List<String>> categories, String summary) {

    public static MemorySummaryView of(SummaryService.MemorySummary s) {
        return new MemorySummaryView(s.totalMemories(), s.categories(), s.summary());
    }
}
