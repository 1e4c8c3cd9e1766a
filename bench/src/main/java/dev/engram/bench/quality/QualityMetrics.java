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
     * Duplicates left among active memories. For each group of messages restating one fact, the active memories
     * sourced from the group beyond those the gold facts expect there count as duplicates. The expected number is the
     * count of active gold facts citing a message of the group: the repeated fact itself, plus any other fact the same
     * messages state. With one fact per message, that is "every memory beyond the first". {@code touching} counts the
     * distinct active memories sourced from any group. It is the denominator of the rate.
     */
    public static DuplicateCount duplicates(List<MemoryRecord> memories, Conversation conversation) {
        List<MemoryRecord> active = memories.stream().filter(m -> m.state() == MemoryState.ACTIVE).toList();
        int duplicates = 0;
        Set<Object> touching = new HashSet<>();
        for (List<String> group : conversation.duplicates()) {
            int sourced = 0;
            for (MemoryRecord m : active) {
                if (intersects(sourceIds(m), group)) {
                    sourced++;
                    touching.add(m.id());
                }
            }
            long expected = Math.max(1, conversation.goldFacts().stream()
                    .filter(f -> f.active() && intersects(Set.copyOf(f.evidence()), group)).count());
            duplicates += (int) Math.max(0, sourced - expected);
        }
        return new DuplicateCount(duplicates, touching.size());
    }

    /**
     * True when a contradiction was resolved. At least one active memory is sourced from the new statement, and the
     * old statement keeps no more active memories than the active gold facts it also states (for example "I'm Priya,
     * a data analyst in Munich": the name stays, the job goes). A memory sourced from both the old and the new
     * messages counts as the new statement: an UPDATE rewrote the old memory and merged the new message into its
     * provenance.
     */
    public static boolean correctlySuperseded(List<MemoryRecord> memories, Conversation conversation, Conversation.Supersede supersede) {
        int oldStillActive = 0;
        boolean newActive = false;
        for (MemoryRecord m : memories) {
            if (m.state() != MemoryState.ACTIVE) continue;
            Set<String> ids = sourceIds(m);
            boolean fromNew = intersects(ids, supersede.replacement());
            newActive |= fromNew;
            if (intersects(ids, supersede.old()) && !fromNew) oldStillActive++;
        }
        long allowed = conversation.goldFacts().stream()
                .filter(f -> f.active() && intersects(Set.copyOf(f.evidence()), supersede.old())
                        && !intersects(Set.copyOf(f.evidence()), supersede.replacement()))
                .count();
        return newActive && oldStillActive <= allowed;
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
