package dev.engram.bench.search;

import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.output.Response;
import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class SearchBenchmarkPartsTest {

    @Test
    void corpusIsDeterministicBilingualAndSpreadOverUsers() {
        var corpus = new SyntheticCorpus(42, 30);
        var again = new SyntheticCorpus(42, 30);

        assertThat(corpus.item(1234)).isEqualTo(again.item(1234));
        assertThat(corpus.query(77)).isEqualTo(again.query(77));
        assertThat(new SyntheticCorpus(43, 30).item(1234)).isNotEqualTo(corpus.item(1234));
        var texts = new HashSet<String>();
        var users = new HashSet<String>();
        IntStream.range(0, 3000).forEach(i -> {
            texts.add(corpus.item(i).text());
            users.add(corpus.item(i).userId());
        });
        assertThat(users).hasSize(30);
        assertThat(texts.size()).isGreaterThan(1500);
        assertThat(texts).anyMatch(t -> t.codePoints().anyMatch(c -> Character.UnicodeScript.of(c) == Character.UnicodeScript.HAN));
        assertThat(texts).anyMatch(t -> t.startsWith("Lives in "));
        // a Chinese-writing user (every third) gets Chinese queries
        var q = IntStream.range(0, 200).mapToObj(corpus::query).filter(x -> x.userId().endsWith("-2")).findFirst().orElseThrow();
        assertThat(q.text()).contains("用户");
    }

    @Test
    void percentilesAreNearestRankAndThroughputUsesWallTime() {
        var stats = new LatencyStats(100);
        for (int i = 1; i <= 100; i++) stats.record(i * 1_000_000L); // 1..100 ms

        stats.wallTime(2_000_000_000L);

        assertThat(stats.percentileMs(50)).isEqualTo(50.0);
        assertThat(stats.percentileMs(95)).isEqualTo(95.0);
        assertThat(stats.percentileMs(99)).isEqualTo(99.0);
        assertThat(stats.percentileMs(100)).isEqualTo(100.0);
        assertThat(stats.meanMs()).isCloseTo(50.5, within(1e-9));
        assertThat(stats.throughput()).isCloseTo(50.0, within(1e-9));
    }

    @Test
    void embeddingModelSwitchesBetweenRandomModelAndPrecomputed() {
        var calls = new AtomicInteger();
        EmbeddingModel fake = new EmbeddingModel() {
            @Override
            public Response<List<Embedding>> embedAll(List<TextSegment> segments) {
                calls.addAndGet(segments.size());
                return Response.from(segments.stream().map(s -> Embedding.from(new float[]{s.text().length(), 0, 0, 1})).toList());
            }

            @Override
            public int dimension() {
                return 4;
            }
        };
        var bench = new BenchEmbeddingModel(fake);

        bench.mode(BenchEmbeddingModel.Mode.RANDOM);
        float[] r1 = bench.embed("hello").content().vector(), r2 = bench.embed("hello").content().vector();
        assertThat(r1).containsExactly(r2).hasSize(4);
        double norm = 0;
        for (float f : r1) norm += f * f;
        assertThat(norm).isCloseTo(1.0, within(1e-5));
        assertThat(calls).hasValue(0);

        bench.precompute(List.of("abc", "abc", "abcd"));
        assertThat(calls).hasValue(2);
        bench.mode(BenchEmbeddingModel.Mode.PRECOMPUTED);
        assertThat(bench.embed("abcd").content().vector()).containsExactly(4, 0, 0, 1);
        assertThat(calls).hasValue(2);
        assertThat(bench.embed("not precomputed").content().vector()[0]).isEqualTo(15); // falls back to the model
        assertThat(calls).hasValue(3);

        bench.mode(BenchEmbeddingModel.Mode.MODEL);
        bench.embed("abc");
        assertThat(calls).hasValue(4);
    }
}
