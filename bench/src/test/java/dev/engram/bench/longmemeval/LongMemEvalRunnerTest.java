package dev.engram.bench.longmemeval;

import dev.engram.bench.longmemeval.LongMemEvalReport.Row;
import dev.engram.bench.longmemeval.LongMemEvalReport.SystemRun;
import dev.engram.core.engine.Embedder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class LongMemEvalRunnerTest {

    private final LongMemEvalDataset data = Fixture.load();

    @Test
    void aVariantWithABaseSearchesTheBasesIngest() {
        Embedder embedder = Embedder.defaultEmbedder();
        var base = EngineVariants.get("bilingual-vector-0.7");
        var searching = EngineVariants.get("bilingual-time-0.1");
        var shared = new SharedIngests(List.of(base, searching));
        List<Retriever> systems = List.of(new EngineRetriever(base, embedder, shared), new EngineRetriever(searching, embedder, shared));
        LongMemEvalReport report = LongMemEvalRunner.evaluate(data, data.questions(), systems, "test", "mini.json", s -> { });

        SystemRun first = report.systems().get(0), second = report.systems().get(1);
        assertThat(second.scores()).extracting(QuestionScore::session10).isEqualTo(first.scores().stream().map(QuestionScore::session10).toList());
        assertThat(second.ingestSeconds()).isLessThan(first.ingestSeconds());
        assertThatThrownBy(() -> new SharedIngests(List.of(searching, base))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("give --variant bilingual-vector-0.7 before it");
    }

    @Test
    void everySystemIsScoredOnTheSameQuestionsWithAbstentionsLeftOutOfRecall(@TempDir Path dir) {
        Embedder embedder = Embedder.defaultEmbedder();
        var log = new ArrayList<String>();
        LongMemEvalReport report;
        try (var cache = new VectorCache(embedder, dir)) {
            var v = EngineVariants.get(EngineVariants.DEFAULT);
            List<Retriever> systems = List.of(new EngineRetriever(v, embedder, new SharedIngests(List.of(v))), new Bm25Retriever(),
                    new DenseRetriever(embedder, cache));
            report = LongMemEvalRunner.evaluate(data, data.questions(), systems, "test", "mini.json", log::add);
        }

        assertThat(report.systems()).extracting(SystemRun::name).containsExactly("engram:default", "bm25", "dense");
        assertThat(log).hasSize(3 * 4);
        int turns = data.questions().stream().flatMap(q -> data.haystack(q).stream()).mapToInt(s -> s.turns().size()).sum();
        for (SystemRun run : report.systems()) {
            assertThat(run.messages()).isEqualTo(turns);
            assertThat(run.scores()).extracting(QuestionScore::questionId).containsExactly("q_puppy", "q_cities", "q_flour", "q_cat_abs");
            QuestionScore abs = run.scores().getLast();
            assertThat(abs.abstention()).isTrue();
            assertThat(abs.session10()).isNull();
            assertThat(abs.turn10()).isNull();
            Row overall = run.rows().getLast();
            assertThat(overall.type()).isEqualTo("overall");
            assertThat(overall.questions()).isEqualTo(4);
            assertThat(overall.abstentions()).isEqualTo(1);
            assertThat(overall.recallQuestions()).isEqualTo(3);
            assertThat(overall.contextTokens()).isPositive();
            assertThat(run.rows()).extracting(Row::type).containsExactly("single-session-user", "multi-session", "overall");
        }
        // The engine's hits map back to message ids of the haystack through the memories' sources.
        assertThat(report.systems().getFirst().scores().getFirst().results()).isPositive();
        // BM25 finds every answer session and turn of the fixture (the questions share words with them).
        Row bm25 = report.systems().get(1).rows().getLast();
        assertThat(bm25.session10()).isEqualTo(1.0);
        assertThat(bm25.turn10()).isEqualTo(1.0);
        assertThat(bm25.sessionAll10()).isEqualTo(1.0);
        // Dense returns every message of these small haystacks in its top 10: all gold is found, tokens are all the text.
        SystemRun dense = report.systems().get(2);
        assertThat(dense.rows().getLast().session10()).isEqualTo(1.0);
        assertThat(dense.scores().getFirst().results()).isEqualTo(8);

        String md = report.markdown();
        assertThat(md).contains("### engram:default", "### bm25", "### dense", "| multi-session | 2 | 0 | 2 |", "| overall | 4 | 1 | 3 |");
    }

    @Test
    void scoreCountsTheTopTenTextsTokensAndRecallAtFiveAndTen() {
        var q = Fixture.question(data, "q_cities");
        var results = new ArrayList<Retriever.Retrieved>();
        for (int i = 0; i < 9; i++) results.add(new Retriever.Retrieved("abcd", List.of("s_noise#0")));
        results.add(new Retriever.Retrieved("abcd", List.of("s_travel2#0"))); // 10th
        results.add(new Retriever.Retrieved("abcd", List.of("s_travel1#0"))); // 11th: beyond the top 10

        QuestionScore s = LongMemEvalRunner.score(data, q, results);

        assertThat(s.session5()).isZero();
        assertThat(s.session10()).isCloseTo(0.5, within(1e-9));
        assertThat(s.sessionAny10()).isEqualTo(1.0);
        assertThat(s.sessionAll10()).isZero();
        assertThat(s.turn10()).isCloseTo(0.5, within(1e-9));
        assertThat(s.contextTokens()).isEqualTo(10);
    }

    @Test
    void badArgumentsExitWithTwo(@TempDir Path dir) throws Exception {
        String data = Fixture.path().toString();
        assertThat(LongMemEvalRunner.run(new String[]{"--per-type", "x", "--data", data})).isEqualTo(2);
        assertThat(LongMemEvalRunner.run(new String[]{"--variant", "nope", "--data", data})).isEqualTo(2);
        assertThat(LongMemEvalRunner.run(new String[]{"--data", dir.resolve("absent.json").toString()})).isEqualTo(2);
        assertThat(LongMemEvalRunner.run(new String[]{"--bogus", "1"})).isEqualTo(2);
    }

    @Test
    void theCommandWritesJsonAndMarkdown(@TempDir Path dir) throws Exception {
        int rc = LongMemEvalRunner.run(new String[]{"--data", Fixture.path().toString(), "--per-type", "1", "--seed", "3",
                "--out", dir.resolve("out").toString(), "--cache", dir.resolve("cache").toString()});

        assertThat(rc).isZero();
        assertThat(Files.readString(dir.resolve("out/report.md"))).contains("--per-type 1 --seed 3", "| overall | 2 |");
        assertThat(Files.readString(dir.resolve("out/report.json"))).contains("\"rows\"", "\"messagesPerSecond\"");
    }
}
