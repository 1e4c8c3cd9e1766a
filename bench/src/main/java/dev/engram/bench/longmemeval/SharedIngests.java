package dev.engram.bench.longmemeval;

import dev.engram.core.Memory;
import dev.engram.core.spi.MemoryStore;
import dev.engram.core.spi.VectorIndex;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Haystacks ingested once per question and searched by several variants: a variant with a {@code base} searches the
 * store and index its base filled, with its own settings, so search-only settings are measured without a second
 * ingest. The base's memory is closed when the last variant searching it is done with the question.
 */
final class SharedIngests {

    /** One ingested haystack: its store and index, the base's memory, and how many variants still search it. */
    record Ingest(String questionId, MemoryStore store, VectorIndex index, Memory memory, int[] pending) {
    }

    private final Map<String, Integer> searchers = new HashMap<>();
    private final Map<String, Ingest> open = new HashMap<>();

    SharedIngests(List<EngineVariants.EngineVariant> variants) {
        for (int i = 0; i < variants.size(); i++) {
            String base = variants.get(i).base();
            if (base == null) continue;
            int at = variants.stream().map(EngineVariants.EngineVariant::name).toList().indexOf(base);
            if (at < 0 || at > i) throw new IllegalArgumentException("variant " + variants.get(i).name() + " searches " + base + "'s ingest: give --variant " + base + " before it");
            searchers.merge(base, 1, Integer::sum);
        }
    }

    /** True when other variants search what {@code variant} ingests. */
    boolean shared(String variant) {
        return searchers.containsKey(variant);
    }

    void opened(String variant, Ingest ingest) {
        ingest.pending()[0] = 1 + searchers.get(variant);
        open.put(variant, ingest);
    }

    /** @throws IllegalStateException when the base has not ingested this question */
    Ingest of(String base, String questionId) {
        Ingest i = open.get(base);
        if (i == null || !i.questionId().equals(questionId)) throw new IllegalStateException(base + " has not ingested " + questionId);
        return i;
    }

    /** One variant is done with the base's ingest; the last one closes it. */
    void release(String base) {
        Ingest i = open.get(base);
        if (i != null && --i.pending()[0] == 0) {
            open.remove(base);
            i.memory().close();
        }
    }
}
