package dev.engram.bench.longmemeval;

import dev.engram.bench.longmemeval.LongMemEvalDataset.Question;
import dev.engram.bench.longmemeval.LongMemEvalDataset.Session;
import dev.engram.bench.longmemeval.Retriever.Retrieved;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class UpdateOrderTest {

    private static final List<Session> HAYSTACK = List.of(
            new Session("old", Instant.parse("2023-01-05T10:00:00Z"), List.of()),
            new Session("noise", Instant.parse("2023-02-01T10:00:00Z"), List.of()),
            new Session("new", Instant.parse("2023-03-09T10:00:00Z"), List.of()));

    private static Question question(String id, String type, List<String> answers) {
        return new Question(id, type, "Where do I live now?", "2023/04/01 (Sat) 10:00", answers, List.of("old", "noise", "new"),
                List.of("2023/01/05 (Thu) 10:00", "2023/02/01 (Wed) 10:00", "2023/03/09 (Thu) 10:00"));
    }

    private static Retrieved from(String session) {
        return new Retrieved(session, List.of(session + "#0"));
    }

    private static Double order(Question q, Retrieved... results) {
        return UpdateOrder.newestFirst(q, HAYSTACK, List.of(results), 10);
    }

    @Test
    void theNewestAnswerSessionMustRankAboveTheOlder() {
        Question q = question("u1", "knowledge-update", List.of("old", "new"));
        assertThat(order(q, from("noise"), from("new"), from("old"))).isEqualTo(1.0);
        assertThat(order(q, from("old"), from("new"))).isEqualTo(0.0);
        assertThat(order(q, from("new"))).isEqualTo(1.0);
        assertThat(order(q, from("old"))).isEqualTo(0.0);
        assertThat(order(q, from("noise"))).isEqualTo(0.0);
    }

    @Test
    void onlyKnowledgeUpdatesWithTwoDatedAnswerSessionsCount() {
        assertThat(order(question("m1", "multi-session", List.of("old", "new")), from("new"))).isNull();
        assertThat(order(question("u2", "knowledge-update", List.of("new")), from("new"))).isNull();
        assertThat(order(question("u3_abs", "knowledge-update", List.of("old", "new")), from("new"))).isNull();
    }
}
