package dev.engram.bench.longmemeval;

import dev.engram.core.Memory;
import dev.engram.core.engine.EngineSettings;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Named engine configurations that {@code --variant} selects. Each builds a fresh in-memory {@link Memory} (in-memory
 * store, in-RAM Lucene index, the bundled embedder) per question. Add a variant here to measure a change on its own.
 */
public final class EngineVariants {

    /**
     * @param memory a fresh, empty memory per call
     * @param infer  true: each session is added with extraction (offline, no LLM); false: messages stored verbatim
     */
    public record EngineVariant(String name, String description, Supplier<Memory> memory, boolean infer) {
    }

    public static final String DEFAULT = "default";

    private static final Map<String, EngineVariant> VARIANTS = new LinkedHashMap<>();

    static {
        register(new EngineVariant(DEFAULT, "the engine's current settings: offline extraction and reconciliation, hybrid search",
                () -> inMemory(EngineSettings.defaults()), true));
        register(new EngineVariant("verbatim", "current settings, messages stored verbatim (infer off), hybrid search",
                () -> inMemory(EngineSettings.defaults()), false));
    }

    private EngineVariants() {
    }

    private static void register(EngineVariant v) {
        VARIANTS.put(v.name(), v);
    }

    public static Set<String> names() {
        return VARIANTS.keySet();
    }

    /** @throws IllegalArgumentException for an unknown name */
    public static EngineVariant get(String name) {
        EngineVariant v = VARIANTS.get(name);
        if (v == null) throw new IllegalArgumentException("unknown engine variant '" + name + "' (known: " + names() + ")");
        return v;
    }

    static Memory inMemory(EngineSettings settings) {
        return Memory.builder().inMemory().settings(settings).meterRegistry(new SimpleMeterRegistry()).build();
    }
}
