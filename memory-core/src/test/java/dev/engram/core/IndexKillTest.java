package dev.engram.core;

import dev.engram.core.domain.AddRequest;
import dev.engram.core.domain.Filter;
import dev.engram.core.domain.Message;
import dev.engram.core.domain.Scope;
import dev.engram.core.domain.Tenant;
import dev.engram.core.engine.Embedder;
import dev.engram.core.index.lucene.LuceneVectorIndex;
import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.output.Response;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code kill -9} loses nothing acknowledged although the Lucene index commits on an interval: a child JVM adds
 * memories verbatim with a commit interval of an hour (so every add after its start is in no index commit) and prints
 * each id once the add returned; the test kills it (SIGKILL), checks that the index on disk indeed lacks them, then
 * reopens the memory, whose start restores the uncommitted tail from the store: every acknowledged memory is
 * searchable, store and index agree, and the next start is clean.
 */
class IndexKillTest {

    private static final int ACKNOWLEDGED_BEFORE_KILL = 40;
    private static final String EMBEDDER = "words-64";

    @TempDir
    Path dir;

    @Test
    void acknowledgedAddsAfterTheLastIndexCommitAreSearchableAfterAKill() throws Exception {
        Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), Writer.class.getName(), dir.toString())
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        Map<UUID, Integer> acknowledged = new LinkedHashMap<>();
        try (var out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            while (acknowledged.size() < ACKNOWLEDGED_BEFORE_KILL) {
                String line = out.readLine();
                assertThat(line).as("the writer stopped early").isNotNull();
                String[] parts = line.split(" ");
                acknowledged.put(UUID.fromString(parts[1]), Integer.parseInt(parts[0]));
            }
            child.destroyForcibly(); // SIGKILL while it writes: no shutdown hook, no close, no index commit
            assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
        }
        assertThat(child.exitValue()).as("killed by SIGKILL").isEqualTo(128 + 9);

        try (LuceneVectorIndex onDisk = LuceneVectorIndex.open(dir.resolve("index"), WordsModel.DIMENSION, EMBEDDER)) {
            assertThat(onDisk.recoveryPoint()).as("the crash is detected").isPresent();
            assertThat(onDisk.count(Tenant.DEFAULT, Filter.ALL)).as("the adds are in no index commit")
                    .isLessThan(ACKNOWLEDGED_BEFORE_KILL);
        }

        try (Memory memory = open(dir, Duration.ofSeconds(1))) {
            for (Map.Entry<UUID, Integer> e : acknowledged.entrySet()) {
                assertThat(memory.search(text(e.getValue()), user(e.getValue())))
                        .as("memory %s", e.getValue()).extracting(h -> h.memory().id()).contains(e.getKey());
            }
            assertThat(memory.engine().checkConsistency(Tenant.DEFAULT, false).consistent()).isTrue();
        }
        try (LuceneVectorIndex reopened = LuceneVectorIndex.open(dir.resolve("index"), WordsModel.DIMENSION, EMBEDDER)) {
            assertThat(reopened.recoveryPoint()).as("closed cleanly after the recovery").isEmpty();
            assertThat(reopened.count(Tenant.DEFAULT, Filter.ALL)).isGreaterThanOrEqualTo(ACKNOWLEDGED_BEFORE_KILL);
        }
    }

    static Memory open(Path dir, Duration commitInterval) {
        return Memory.builder().dataDir(dir).embedder(new Embedder(new WordsModel(), EMBEDDER)).indexCommitInterval(commitInterval).build();
    }

    static String text(int i) {
        return "fact " + i + " about item" + i;
    }

    static Scope user(int i) {
        return Scope.user("user-" + i);
    }

    /** The child: adds verbatim until killed, printing "i id" after each add returned. */
    public static final class Writer {
        public static void main(String[] args) {
            Memory memory = open(Path.of(args[0]), Duration.ofHours(1));
            for (int i = 0; ; i++) {
                var request = new AddRequest(null, user(i), List.of(Message.user(text(i))), null, false, null, null, null, null, false);
                UUID id = memory.add(request).events().get(0).memoryId();
                System.out.println(i + " " + id);
                System.out.flush();
            }
        }
    }

    /** A deterministic bag-of-words model: each word adds to one of 64 dimensions. */
    public static final class WordsModel implements EmbeddingModel {
        static final int DIMENSION = 64;

        @Override
        public Response<List<Embedding>> embedAll(List<TextSegment> segments) {
            return Response.from(segments.stream().map(s -> {
                float[] v = new float[DIMENSION];
                v[0] = 0.01f;
                for (String w : s.text().split("\\s+")) v[Math.floorMod(w.hashCode(), DIMENSION)] += 1;
                return Embedding.from(v);
            }).toList());
        }

        @Override
        public int dimension() {
            return DIMENSION;
        }
    }
}
