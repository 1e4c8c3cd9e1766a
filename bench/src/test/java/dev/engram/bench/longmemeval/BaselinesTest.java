package dev.engram.bench.longmemeval;

import dev.engram.bench.longmemeval.LongMemEvalDataset.Question;
import dev.engram.bench.longmemeval.Retriever.Retrieved;
import dev.engram.core.engine.Embedder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class BaselinesTest {

    private final LongMemEvalDataset data = Fixture.load();

    @Test
    void bm25RanksTheMessagesSharingTheQuestionsTermsFirst() {
        Question cities = Fixture.question(data, "q_cities");
        try (var index = new Bm25Retriever().load(cities.id(), data.haystack(cities))) {
            List<Retrieved> top = index.search(cities.question(), cities.time(), 10);

            // Terms are OR-ed: "visited" (stemmed to "visit") and "i" (not an English stop word) match the two travel
            // messages first, "i" alone the baking one; messages sharing no term are not returned.
            assertThat(top).flatExtracting(Retrieved::messageIds).hasSize(3).endsWith("s_cooking#0")
                    .containsExactlyInAnyOrder("s_travel1#0", "s_travel2#0", "s_cooking#0");
        }
        Question flour = Fixture.question(data, "q_flour");
        try (var index = new Bm25Retriever().load(flour.id(), data.haystack(flour))) {
            assertThat(index.search(flour.question(), flour.time(), 1)).flatExtracting(Retrieved::messageIds).containsExactly("s_cooking#0");
        }
    }

    @Test
    void denseRanksByCosineWithTheEnginesEmbedderAndCachesVectorsOnDisk(@TempDir Path dir) throws Exception {
        Embedder embedder = Embedder.defaultEmbedder();
        Question puppy = Fixture.question(data, "q_puppy");
        int messages = data.haystack(puppy).stream().mapToInt(s -> s.turns().size()).sum();
        try (var cache = new VectorCache(embedder, dir); var index = new DenseRetriever(embedder, cache).load(puppy.id(), data.haystack(puppy))) {
            List<Retrieved> top = index.search(puppy.question(), puppy.time(), 10);
            assertThat(top).hasSize(messages);
            assertThat(LongMemEvalDataset.sessionOf(top.getFirst().messageIds().getFirst())).isEqualTo("s_pets");
            assertThat(cache.misses()).isEqualTo(messages);
            assertThat(cache.hits()).isZero();
        }
        Path file;
        try (var again = new VectorCache(embedder, dir)) {
            new DenseRetriever(embedder, again).load(puppy.id(), data.haystack(puppy)).close();
            assertThat(again.hits()).isEqualTo(messages);
            assertThat(again.misses()).isZero();
            file = Files.list(dir).findFirst().orElseThrow();
        }
        // A record cut short by an interrupted run is dropped: that one text is embedded again, the others are read,
        // and the file stays readable after the append.
        try (var ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
            ch.truncate(ch.size() - 3);
        }
        try (var cut = new VectorCache(embedder, dir)) {
            new DenseRetriever(embedder, cut).load(puppy.id(), data.haystack(puppy)).close();
            assertThat(cut.misses()).isEqualTo(1);
            assertThat(cut.hits()).isEqualTo(messages - 1);
        }
        try (var whole = new VectorCache(embedder, dir)) {
            new DenseRetriever(embedder, whole).load(puppy.id(), data.haystack(puppy)).close();
            assertThat(whole.hits()).isEqualTo(messages);
            assertThat(whole.misses()).isZero();
        }
    }

    @Test
    void denseEmbedsLongMessagesByTheirHead() {
        assertThat(DenseRetriever.head("x".repeat(2000))).hasSize(DenseRetriever.HEAD_CHARS);
        assertThat(DenseRetriever.head("short")).isEqualTo("short");
    }
}
