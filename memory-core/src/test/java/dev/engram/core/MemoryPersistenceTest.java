package dev.engram.core;

import dev.engram.core.domain.HistoryEvent;
import dev.engram.core.domain.MemoryRecord;
import dev.engram.core.domain.Scope;
import dev.engram.core.domain.Tenant;
import dev.engram.core.engine.Embedder;
import dev.engram.core.error.ConfigurationException;
import dev.engram.core.index.lucene.VectorEncoding;
import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.output.Response;
import org.apache.lucene.index.SegmentInfos;
import org.apache.lucene.store.FSDirectory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A persistent embedded memory keeps everything across a restart, and refuses a model that does not fit its index. */
class MemoryPersistenceTest {

    @TempDir
    Path dir;

    @Test
    void aRestartKeepsMemoriesHistoryAndSupersededState() {
        Scope u = Scope.user("restart-user");
        UUID paris;
        try (Memory memory = Memory.open(dir)) {
            paris = memory.add("I live in Paris.", u).events().get(0).memoryId();
            memory.add("I moved to Berlin.", u);
            memory.add("用户偏好使用React和TypeScript开发", u);
        }
        try (Memory memory = Memory.open(dir)) {
            List<MemoryRecord> active = memory.getAll(u);
            assertThat(active).extracting(MemoryRecord::text).hasSize(2).anyMatch(t -> t.contains("Berlin")).noneMatch(t -> t.contains("Paris"));
            assertThat(memory.search("前端开发", u).get(0).memory().text()).isEqualTo("用户偏好使用React和TypeScript开发");
            assertThat(memory.get(paris)).hasValueSatisfying(m -> assertThat(m.replacedBy()).isNotNull());
            assertThat(memory.history(paris)).extracting(h -> h.event()).containsExactly(HistoryEvent.ADD, HistoryEvent.SUPERSEDE);
        }
    }

    @Test
    void reindexRebuildsTheIndexFromTheStore() {
        Scope u = Scope.user("reindex-user");
        try (Memory memory = Memory.open(dir)) {
            memory.add("I collect vintage cameras.", u);
            memory.add("I play the cello in an orchestra.", u);
            assertThat(memory.reindex(Tenant.DEFAULT)).isEqualTo(2);
            assertThat(memory.search("music instrument", u).get(0).memory().text()).contains("cello");
        }
    }

    @Test
    void anIndexBuiltWithAnotherModelIsAClearStartUpError() {
        try (Memory memory = Memory.open(dir)) {
            memory.add("I like tea.", Scope.user("u"));
        }
        Embedder tiny = new Embedder(new FixedEmbeddingModel(8), "tiny-8");
        assertThatThrownBy(() -> Memory.builder().dataDir(dir).embedder(tiny).build())
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("512").hasMessageContaining("8");
        // the failed start released everything: the original configuration opens again
        try (Memory memory = Memory.open(dir)) {
            assertThat(memory.getAll(Scope.user("u"))).hasSize(1);
        }
    }

    @Test
    void aFloatIndexOfAnEarlierVersionIsMigratedAtTheNextStartUnlessSwitchedOff() throws Exception {
        Embedder tiny = new Embedder(new FixedEmbeddingModel(64), "tiny-64");
        Scope u = Scope.user("upgrade-user");
        try (Memory memory = Memory.builder().dataDir(dir).embedder(tiny).vectorEncoding(VectorEncoding.FLOAT32).build()) {
            memory.add("I like green tea.", u);
            memory.add("I play the cello.", u);
        }
        String stored;
        try (Memory memory = Memory.builder().dataDir(dir).embedder(tiny).migrateFloatIndex(false).build()) {
            List<MemoryRecord> all = memory.getAll(u);
            assertThat(all).hasSize(2);
            stored = all.get(0).text();
            assertThat(memory.search(stored, u).get(0).memory().text()).isEqualTo(stored);
        }
        assertThat(indexFormat()).isEqualTo("1"); // switched off: still the float layout
        try (Memory memory = Memory.builder().dataDir(dir).embedder(tiny).build()) {
            assertThat(memory.getAll(u)).hasSize(2);
            assertThat(memory.search(stored, u).get(0).memory().text()).isEqualTo(stored);
            memory.add("I drink coffee in the morning.", u);
            assertThat(memory.getAll(u)).hasSize(3);
        }
        assertThat(indexFormat()).isEqualTo("2"); // INT8_COMPACT
        try (var entries = Files.list(dir)) {
            assertThat(entries.map(p -> p.getFileName().toString())).anyMatch(n -> n.startsWith("index.float-backup-"));
        }
    }

    /** The recorded layout of {@code <dir>/index}: "1" float, "2" compact. */
    private String indexFormat() throws Exception {
        try (var d = FSDirectory.open(dir.resolve("index"))) {
            return SegmentInfos.readLatestCommit(d).getUserData().get("engram.index-format");
        }
    }

    /** A deterministic model of a given dimension. */
    private record FixedEmbeddingModel(int dim) implements EmbeddingModel {
        @Override
        public Response<List<Embedding>> embedAll(List<TextSegment> segments) {
            return Response.from(segments.stream().map(s -> {
                float[] v = new float[dim];
                v[Math.floorMod(s.text().hashCode(), dim)] = 1;
                return Embedding.from(v);
            }).toList());
        }

        @Override
        public int dimension() {
            return dim;
        }
    }
}
