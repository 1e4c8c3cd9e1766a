package dev.engram.springai;

import dev.engram.client.model.Memory;
import org.springframework.ai.tokenizer.TokenCountEstimator;

import java.util.ArrayList;
import java.util.List;

/**
 * The memories that go into the prompt: one {@code - text} line each, best first, as many as fit in the token budget.
 * A memory that does not fit is left out with every one after it, so the block keeps the search's order.
 */
record MemoryBlock(List<Memory> memories, String text) {

    static MemoryBlock of(List<Memory> hits, int maxTokens, TokenCountEstimator tokens) {
        List<Memory> kept = new ArrayList<>();
        StringBuilder text = new StringBuilder();
        int used = 0;
        for (Memory hit : hits) {
            if (hit.memory() == null || hit.memory().isBlank()) continue;
            String line = "- " + hit.memory().strip().replace('\n', ' ');
            int cost = tokens.estimate(line + "\n");
            if (used + cost > maxTokens) break;
            if (!text.isEmpty()) text.append('\n');
            text.append(line);
            used += cost;
            kept.add(hit);
        }
        return new MemoryBlock(List.copyOf(kept), text.toString());
    }

    boolean isEmpty() {
        return memories.isEmpty();
    }
}
