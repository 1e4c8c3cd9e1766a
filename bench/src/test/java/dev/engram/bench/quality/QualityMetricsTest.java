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
        var c = conversation(List.of(fact("Is vegetarian", true, "m3", "m15", "m22"), fact("Likes jazz", true, "m5", "m9")),
                List.of(List.of("m3", "m15", "m22"), List.of("m5", "m9")), List.of());
        var memories = List.of(
                memory(MemoryState.ACTIVE, "m3"),
                memory(MemoryState.ACTIVE, "m15"),
                memory(MemoryState.ACTIVE, "m22", "m3"),
                memory(MemoryState.SUPERSEDED, "m3"),
                memory(MemoryState.ACTIVE, "m5"),
                memory(MemoryState.ACTIVE, "m40"));

        var count = QualityMetrics.duplicates(memories, c);

        assertThat(count.duplicates()).isEqualTo(2);
        assertThat(count.touching()).isEqualTo(4);
    }

    @Test
    void otherGoldFactsOfTheGroupsMessagesAreExpectedNotDuplicates() {
        // m15 also says the user bought a record player: two active memories from the group are right, three are not.
        var c = conversation(List.of(fact("Is vegetarian", true, "m5", "m15"), fact("Bought a record player", true, "m15")),
                List.of(List.of("m5", "m15")), List.of());

        var right = QualityMetrics.duplicates(List.of(memory(MemoryState.ACTIVE, "m5", "m15"), memory(MemoryState.ACTIVE, "m15")), c);
        var repeated = QualityMetrics.duplicates(List.of(memory(MemoryState.ACTIVE, "m5"), memory(MemoryState.ACTIVE, "m15"),
                memory(MemoryState.ACTIVE, "m15")), c);

        assertThat(right).isEqualTo(new QualityMetrics.DuplicateCount(0, 2));
        assertThat(repeated).isEqualTo(new QualityMetrics.DuplicateCount(1, 3));
    }

    @Test
    void oneMergedMemoryPerGroupHasNoDuplicates() {
        var c = conversation(List.of(fact("Is vegetarian", true, "m3", "m15", "m22")), List.of(List.of("m3", "m15", "m22")), List.of());
        var memories = List.of(memory(MemoryState.ACTIVE, "m3", "m15", "m22"), memory(MemoryState.ACTIVE, "m1"));

        assertThat(QualityMetrics.duplicates(memories, c)).isEqualTo(new QualityMetrics.DuplicateCount(0, 1));
    }

    @Test
    void supersedeIsCorrectOnlyWhenTheOldIsGoneAndTheNewIsActive() {
        var supersede = new Conversation.Supersede(List.of("m2"), List.of("m7"));
        var c = conversation(List.of(fact("Lives in Munich", false, "m2"), fact("Lives in Berlin", true, "m7")), List.of(),
                List.of(supersede));

        assertThat(QualityMetrics.correctlySuperseded(
                List.of(memory(MemoryState.SUPERSEDED, "m2"), memory(MemoryState.ACTIVE, "m7")), c, supersede)).isTrue();
        assertThat(QualityMetrics.correctlySuperseded(
                List.of(memory(MemoryState.ACTIVE, "m2"), memory(MemoryState.ACTIVE, "m7")), c, supersede)).isFalse();
        assertThat(QualityMetrics.correctlySuperseded(
                List.of(memory(MemoryState.SUPERSEDED, "m2"), memory(MemoryState.DELETED, "m7")), c, supersede)).isFalse();
        // An UPDATE that rewrote the old memory carries both messages in its provenance: resolved.
        assertThat(QualityMetrics.correctlySuperseded(List.of(memory(MemoryState.ACTIVE, "m2", "m7")), c, supersede)).isTrue();
    }

    @Test
    void factsTheOldMessageAlsoStatesMayStayActive() {
        var supersede = new Conversation.Supersede(List.of("m1"), List.of("m7"));
        var c = conversation(List.of(fact("Name is Priya", true, "m1"), fact("Works in Munich", false, "m1"),
                fact("Works in Berlin", true, "m7")), List.of(), List.of(supersede));

        assertThat(QualityMetrics.correctlySuperseded(
                List.of(memory(MemoryState.ACTIVE, "m1"), memory(MemoryState.SUPERSEDED, "m1"), memory(MemoryState.ACTIVE, "m7")),
                c, supersede)).isTrue();
        assertThat(QualityMetrics.correctlySuperseded(
                List.of(memory(MemoryState.ACTIVE, "m1"), memory(MemoryState.ACTIVE, "m1"), memory(MemoryState.ACTIVE, "m7")),
                c, supersede)).isFalse();
    }

    private static Conversation.GoldFact fact(String text, boolean active, String... evidence) {
        return new Conversation.GoldFact(text, List.of(evidence), active);
    }

    private static Conversation conversation(List<Conversation.GoldFact> facts, List<List<String>> duplicates,
                                             List<Conversation.Supersede> supersedes) {
        return new Conversation("99-test", "en", "u1", null, List.of(), facts, duplicates, supersedes, List.of());
    }

    static MemoryRecord memory(MemoryState state, String... messageIds) {
        Instant now = Instant.parse("2024-01-01T00:00:00Z");
        var sources = Arrays.stream(messageIds).map(id -> new Source("e1", 0, id, "user", "user", now)).toList();
        return new MemoryRecord(UUID.randomUUID(), Scope.user("u1"), "fact " + String.join(",", messageIds), null, "user", "user",
                null, null, now, now, null, null, false, state, null, sources, null);
    }
}
