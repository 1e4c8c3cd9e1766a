package dev.engram.bench.quality;

import dev.engram.core.domain.MemoryRecord;
import dev.engram.core.domain.MemoryState;
import dev.engram.core.domain.Source;

import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The quality measures, as pure functions of what the engine returned and the gold annotations. Provenance is what
 * links the two: a memory "covers" a message when one of its {@link Source}s carries that message's id.
 */
public final class QualityMetrics {

    private QualityMetrics() {
    }

    /** Message ids a memory came from. */
    public static Set<String> sourceIds(MemoryRecord memory) {
        return memory.sources().stream().map(Source::messageId).filter(Objects::nonNull).collect(Collectors.toSet());
    }

    /** Share of {@code evidence} message ids covered by the sources of {@code memories} (the top k of a search). */
    public static double evidenceRecall(List<MemoryRecord> memories, Collection<String> evidence) {
        if (evidence.isEmpty()) throw new IllegalArgumentException("a question without evidence cannot be scored");
        Set<String> covered = new HashSet<>();
        memories.forEach(m -> covered.addAll(sourceIds(m)));
        long hit = evidence.stream().distinct().filter(covered::contains).count();
        return (double) hit / evidence.stream().distinct().count();
    }

    /**
     * Duplicates left among active memories. For each group of messages restating one fact, every active memory
     * sourced from the group beyond the first is a duplicate; {@code touching} counts the distinct active memories
     * sourced from any group, the denominator of the rate.
     */
    public static DuplicateCount duplicates(List<MemoryRecord> memories, List<List<String>> groups) {
        List<MemoryRecord> active = memories.stream().filter(m -> m.state() == MemoryState.ACTIVE).toList();
        int duplicates = 0;
        Set<Object> touching = new HashSet<>();
        for (List<String> group : groups) {
            int sourced = 0;
            for (MemoryRecord m : active) {
                if (intersects(sourceIds(m), group)) {
                    sourced++;
                    touching.add(m.id());
                }
            }
            duplicates += Math.max(0, sourced - 1);
        }
        return new DuplicateCount(duplicates, touching.size());
    }

    /**
     * True when a contradiction was resolved: no active memory is still sourced from the old statement alone, and at
     * least one active memory is sourced from the new one. A memory sourced from both counts as the new statement
     * (an UPDATE that rewrote the old memory and merged the new message into its provenance).
     */
    public static boolean correctlySuperseded(List<MemoryRecord> memories, Conversation.Supersede supersede) {
        boolean oldStillActive = false, newActive = false;
        for (MemoryRecord m : memories) {
            if (m.state() != MemoryState.ACTIVE) continue;
            Set<String> ids = sourceIds(m);
            boolean fromNew = intersects(ids, supersede.replacement());
            newActive |= fromNew;
            oldStillActive |= intersects(ids, supersede.old()) && !fromNew;
        }
        return newActive && !oldStillActive;
    }

    private static boolean intersects(Set<String> ids, Collection<String> group) {
        for (String id : group) if (ids.contains(id)) return true;
        return false;
    }

    /** @param duplicates active memories beyond the first per duplicate group; @param touching active memories in any group */
    public record DuplicateCount(int duplicates, int touching) {
        public DuplicateCount plus(DuplicateCount other) {
            return new DuplicateCount(duplicates + other.duplicates, touching + other.touching);
        }
    }
}
