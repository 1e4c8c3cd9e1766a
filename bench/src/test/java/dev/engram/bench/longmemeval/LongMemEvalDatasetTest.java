package dev.engram.bench.longmemeval;

import dev.engram.bench.longmemeval.LongMemEvalDataset.Question;
import dev.engram.bench.longmemeval.LongMemEvalDataset.Session;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LongMemEvalDatasetTest {

    private final LongMemEvalDataset data = Fixture.load();

    @Test
    void readsQuestionsSessionsAndGold() {
        assertThat(data.questions()).extracting(Question::id).containsExactly("q_puppy", "q_cities", "q_flour", "q_cat_abs");
        Question cities = Fixture.question(data, "q_cities");
        assertThat(cities.type()).isEqualTo("multi-session");
        assertThat(cities.time()).isEqualTo(Instant.parse("2023-05-01T10:00:00Z"));
        assertThat(data.goldTurns(cities)).containsExactly("s_travel1#0", "s_travel2#0");
        assertThat(data.goldTurns(Fixture.question(data, "q_cat_abs"))).isEmpty();
        assertThat(Fixture.question(data, "q_cat_abs").abstention()).isTrue();
        assertThat(cities.abstention()).isFalse();
        assertThat(data.sessions().get("s_pets").get(0).hasAnswer()).isTrue();
        assertThat(data.sessions().get("s_pets").get(1).hasAnswer()).isFalse();
    }

    @Test
    void haystackIsReplayedInDateOrderNotSourceOrder() {
        List<Session> haystack = data.haystack(Fixture.question(data, "q_cities"));

        assertThat(haystack).extracting(Session::id).containsExactly("s_noise", "s_cooking", "s_travel1", "s_travel2");
        assertThat(haystack.get(2).date()).isEqualTo(Instant.parse("2023-03-05T20:00:00Z"));
        assertThat(haystack.get(2).messageId(1)).isEqualTo("s_travel1#1");
        assertThat(LongMemEvalDataset.sessionOf("answer_8d015d9d_3#12")).isEqualTo("answer_8d015d9d_3");
    }

    @Test
    void aQuestionNamingAnUnknownSessionIsRejected() {
        String json = """
                {"sessions": {}, "questions": [{"question_id": "x", "question_type": "t", "question": "?", "question_date": "2023/05/01 (Mon) 10:00",
                 "answer_session_ids": [], "haystack_session_ids": ["missing"], "haystack_dates": ["2023/05/01 (Mon) 10:00"]}]}""";
        assertThatThrownBy(() -> LongMemEvalDataset.read(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("missing");
    }

    @Test
    void stratifiedSubsetTakesNPerTypeReproduciblyInDatasetOrder() {
        List<Question> all = data.questions();

        List<Question> one = LongMemEvalDataset.stratified(all, 1, 7);
        assertThat(one).hasSize(2).extracting(Question::type).containsExactlyInAnyOrder("single-session-user", "multi-session");
        assertThat(LongMemEvalDataset.stratified(all, 1, 7)).isEqualTo(one);
        assertThat(all).containsSubsequence(one);
        // The draw depends on the seed: over a few seeds more than one subset comes out.
        assertThat(Set.of(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L).stream().map(s -> LongMemEvalDataset.stratified(all, 1, s)).distinct().count())
                .isGreaterThan(1);
        assertThat(LongMemEvalDataset.stratified(all, 2, 7)).isEqualTo(all);
        assertThat(LongMemEvalDataset.stratified(all, 9, 7)).isEqualTo(all);
        assertThat(LongMemEvalDataset.stratified(all, 0, 7)).isEqualTo(all);
    }
}
