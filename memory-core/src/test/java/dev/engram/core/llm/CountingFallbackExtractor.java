package dev.engram.core.llm;

import dev.engram.core.domain.TokenUsage;
import dev.engram.core.extract.Extraction;
import dev.engram.core.extract.ExtractionRequest;
import dev.engram.core.extract.Extractor;
import dev.engram.core.extract.Fact;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/** Stands in for the offline extractor behind an {@link LlmExtractor} in tests: one fixed fact, and a count of its calls. */
final class CountingFallbackExtractor implements Extractor {

    static final Fact FACT = new Fact("offline fact", List.of(0), "user", "user", null, null, List.of());

    private final AtomicInteger calls = new AtomicInteger();

    @Override
    public Extraction extract(ExtractionRequest request) {
        calls.incrementAndGet();
        return new Extraction(List.of(FACT), TokenUsage.NONE, "offline");
    }

    @Override
    public String name() {
        return "offline";
    }

    /** How many times the LLM extractor fell back to it. */
    AtomicInteger calls() {
        return calls;
    }
}
