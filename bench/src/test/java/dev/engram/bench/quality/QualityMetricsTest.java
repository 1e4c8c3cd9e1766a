package dev.engram.bench.quality;

import dev.engram.core.domain.MemoryRecord;
import dev.engram.core.domain.MemoryState;
import dev.engram.core.domain.Scope;
import dev.engram.core.domain.Source;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class QualityMetricsTest {

    @Test
    void recallIsTheShareOfEvidenceCoveredByTheMemoriesSources() {
        var memories = List.of(memory(MemoryState.ACTIVE, "m1", "m2"), memory(MemoryState.ACTIVE, "m7"));

        assertThat(QualityMetrics.evidenceRecall(memories, List.of("m7", "m13"))).isEqualTo(0.5);
        assertThat(QualityMetrics.evidenceRecall(memories, List.of("m2", "m7"))).isEqualTo(1.0);
        assertThat(QualityMetrics.evidenceRecall(List.of(), List.of("m2"))).isZero();
        assertThat(QualityMetrics.evidenceRecall(memories, List.of("m1", "m1", "m9"))).isCloseTo(0.5, within(1e-9));
        assertThatThrownBy(() -> QualityMetrics.evidenceRecall(memories, List.of())).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void duplicatesCountActiveMemoriesBeyondTheFirstPerGroup() {
        var memories = List.of(
                memory(MemoryState.ACTIVE, "m3"),
                memory(MemoryState.ACTIVE, "m15"),
                memory(MemoryState.ACTIVE, "m22", "m3"),
                memory(MemoryState.SUPERSEDED, "m3"),
                memory(MemoryState.ACTIVE, "m5"),
                memory(MemoryState.ACTIVE, "m40"));

        var count = QualityMetrics.duplicates(memories, List.of(List.of("m3", "m15", "m22"), List.of("m5", "m9")));

        assertThat(count.duplicates()).isEqualTo(2);
        assertThat(count.touching()).isEqualTo(4);
    }

    @Test
    void oneMergedMemoryPerGroupHasNoDuplicates() {
        var memories = List.of(memory(MemoryState.ACTIVE, "m3", "m15", "m22"), memory(MemoryState.ACTIVE, "m1"));

        var count = QualityMetrics.duplicates(memories, List.of(List.of("m3", "m15", "m22")));

        assertThat(count).isEqualTo(new QualityMetrics.DuplicateCount(0, 1));
    }

    @Test
    void supersedeIsCorrectOnlyWhenTheOldIsGoneAndTheNewIsActive() {
        var supersede = new Conversation.Supersede(List.of("m2"), List.of("m7"));

        assertThat(QualityMetrics.correctlySuperseded(
                List.of(memory(MemoryState.SUPERSEDED, "m2"), memory(MemoryState.ACTIVE, "m7")), supersede)).isTrue();
        assertThat(QualityMetrics.correctlySuperseded(
                List.of(memory(MemoryState.ACTIVE, "m2"), memory(MemoryState.ACTIVE, "m7")), supersede)).isFalse();
        assertThat(QualityMetrics.correctlySuperseded(
                List.of(memory(MemoryState.SUPERSEDED, "m2"), memory(MemoryState.DELETED, "m7")), supersede)).isFalse();
        // An UPDATE that rewrote the old memory carries both messages in its provenance: resolved.
        assertThat(QualityMetrics.correctlySuperseded(List.of(memory(MemoryState.ACTIVE, "m2", "m7")), supersede)).isTrue();
    }

    static MemoryRecord memory(MemoryState state, String... messageIds) {
        Instant now = Instant.parse("2024-01-01T00:00:00Z");
        var sources = Arrays.stream(messageIds).map(id -> new Source("e1", 0, id, "user", "user", now)).toList();
        return new MemoryRecord(UUID.randomUUID(), Scope.user("u1"), "fact " + String.join(",", messageIds), null, "user", "user",
                null, null, now, now, null, null, false, state, null, sources, null);
    }
}
