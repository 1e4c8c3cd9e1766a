package dev.engram.core.extract;

import dev.engram.core.domain.TokenUsage;

import java.util.List;

/** The facts of one conversation and what extracting them cost; {@code extractor} names who produced them. */
public record Extraction(List<Fact> facts, TokenUsage usage, String extractor) {
    public Extraction {
        facts = List.copyOf(facts);
    }
}
