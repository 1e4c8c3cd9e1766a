package dev.engram.bench.longmemeval;

import dev.engram.bench.longmemeval.Retriever.Retrieved;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;

import static dev.engram.bench.longmemeval.EvidenceRecall.SESSION;
import static dev.engram.bench.longmemeval.EvidenceRecall.TURN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EvidenceRecallTest {

    private final List<Retrieved> results = List.of(
            new Retrieved("a", List.of("noise#0")),
            new Retrieved("b", List.of("s1#2", "s1#3")),
            new Retrieved("c", List.of()),
            new Retrieved("d", List.of("s2#0")));

    @Test
    void sessionRecallIsTheShareOfAnswerSessionsWithAResultInTheTopK() {
        Set<String> gold = Set.of("s1", "s2", "s3");

        assertThat(EvidenceRecall.recall(results, 10, gold, SESSION)).isEqualTo(2 / 3.0);
        assertThat(EvidenceRecall.recall(results, 3, gold, SESSION)).isEqualTo(1 / 3.0);
        assertThat(EvidenceRecall.recall(results, 1, gold, SESSION)).isZero();
        assertThat(EvidenceRecall.any(results, 10, gold, SESSION)).isTrue();
        assertThat(EvidenceRecall.all(results, 10, gold, SESSION)).isFalse();
        assertThat(EvidenceRecall.all(results, 10, Set.of("s1", "s2"), SESSION)).isTrue();
        assertThat(EvidenceRecall.any(results, 1, gold, SESSION)).isFalse();
    }

    @Test
    void turnRecallNeedsTheExactMessage() {
        assertThat(EvidenceRecall.recall(results, 10, Set.of("s1#3", "s1#4"), TURN)).isEqualTo(0.5);
        assertThat(EvidenceRecall.recall(results, 10, Set.of("s2#1"), TURN)).isZero();
        assertThat(EvidenceRecall.recall(results, 10, Set.of("s2#1"), SESSION)).isZero(); // a turn id is not a session id
        assertThatThrownBy(() -> EvidenceRecall.recall(results, 10, Set.of(), TURN)).isInstanceOf(IllegalArgumentException.class);
    }
}
