package dev.engram.core.engine;

import dev.engram.core.domain.Filter;
import dev.engram.core.domain.HistoryEntry;
import dev.engram.core.domain.HistoryEvent;
import dev.engram.core.domain.MemoryRecord;
import dev.engram.core.domain.MemoryState;
import dev.engram.core.domain.Scope;
import dev.engram.core.domain.Tenant;
import dev.engram.core.index.lucene.LuceneVectorIndex;
import dev.engram.core.spi.IndexEntry;
import dev.engram.core.store.jdbc.JdbcMemoryStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

/** Group commit of verbatim writes on the JDBC store (H2) and the Lucene index. */
class GroupCommitWriterTest {

    private static final Tenant ACME = Tenant.of("org-group", "proj-acme");
    private static final Tenant OTHER = Tenant.of("org-group", "proj-other");

    private final Embedder embedder = Embedder.defaultEmbedder();
    private JdbcMemoryStore store;
    private LuceneVectorIndex index;
    private GroupCommitWriter writer;

    @BeforeEach
    void open() {
        store = JdbcMemoryStore.h2InMemory("group-" + UUID.randomUUID().toString().substring(0, 8));
        index = LuceneVectorIndex.inMemory(embedder.dimension());
        writer = new GroupCommitWriter(new AtomicWriter(store, index, new IndexRepair(store, index, embedder, RetrievalSettings.defaults())));
    }

    @AfterEach
    void close() {
        index.close();
        store.close();
    }

    @Test
    void aBadWriteInAGroupFailsAloneAndTheOthersAreStoredAndSearchable() {
        GroupCommitWriter.Write first = write(ACME, "alice", "I like green tea.");
        GroupCommitWriter.Write other = write(OTHER, "bob", "I play chess on Sundays.");
        // history about a memory that does not exist: the store refuses it inside the shared transaction
        GroupCommitWriter.Write bad = withHistoryOf(write(ACME, "carol", "I collect stamps."), UUID.randomUUID());
        GroupCommitWriter.Write last = write(ACME, "alice", "My sister is called Marta.");
        List<GroupCommitWriter.Queued> group = List.of(queued(first), queued(other), queued(bad), queued(last));

        writer.writeGroup(group);

        assertThat(group.get(2).done()).isCompletedExceptionally();
        for (int i : new int[] {0, 1, 3}) assertThat(group.get(i).done()).isCompleted().isNotCompletedExceptionally();
        assertThat(storedIds(ACME)).containsExactlyInAnyOrder(idOf(first), idOf(last));
        assertThat(storedIds(OTHER)).containsExactly(idOf(other));
        assertThat(index.list(ACME, Filter.ALL, 0, 100).ids()).containsExactlyInAnyOrder(idOf(first), idOf(last));
        assertThat(index.list(OTHER, Filter.ALL, 0, 100).ids()).containsExactly(idOf(other));
        assertThat(store.history(ACME, idOf(bad))).isEmpty();
    }

    @Test
    void concurrentWritesAreEachStoredAndSearchableWhenTheyReturn() throws Exception {
        int threads = 8;
        int perThread = 12;
        List<UUID> notVisible = Collections.synchronizedList(new ArrayList<>());
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                done.add(pool.submit(() -> {
                    for (int i = 0; i < perThread; i++) {
                        GroupCommitWriter.Write w = write(ACME, "user-" + thread, "Fact " + i + " of user " + thread + ".");
                        writer.write(w);
                        if (!index.list(ACME, Filter.ALL, 0, 10_000).ids().contains(idOf(w))) notVisible.add(idOf(w));
                    }
                    return null;
                }));
            }
            for (Future<?> f : done) f.get();
        } finally {
            pool.shutdownNow();
        }
        assertThat(notVisible).as("memories not searchable when their write returned").isEmpty();
        assertThat(storedIds(ACME)).hasSize(threads * perThread);
        assertThat(index.list(ACME, Filter.ALL, 0, 10_000).total()).isEqualTo(threads * perThread);
    }

    private GroupCommitWriter.Write write(Tenant tenant, String user, String text) {
        Instant now = Instant.now();
        MemoryRecord r = new MemoryRecord(UUID.randomUUID(), new Scope(tenant, user, null, null, null), text, null, "user", "user",
                Map.of(), List.of(), now, now, null, null, false, MemoryState.ACTIVE, null, List.of(), null);
        HistoryEntry added = new HistoryEntry(UUID.randomUUID(), r.id(), HistoryEvent.ADD, null, text, "user", "user", now, null,
                "event-" + r.id(), "stored verbatim (infer off)");
        return new GroupCommitWriter.Write(tenant, List.of(r), List.of(added), List.of(new IndexEntry(r, embedder.embed(text))));
    }

    private static GroupCommitWriter.Write withHistoryOf(GroupCommitWriter.Write w, UUID missing) {
        List<HistoryEntry> history = new ArrayList<>(w.history());
        HistoryEntry h = history.getFirst();
        history.add(new HistoryEntry(UUID.randomUUID(), missing, HistoryEvent.UPDATE, "old", "new", h.actor(), h.role(), h.at(), null,
                h.eventId(), "an update of nothing"));
        return new GroupCommitWriter.Write(w.tenant(), w.records(), history, w.upserts());
    }

    private static GroupCommitWriter.Queued queued(GroupCommitWriter.Write w) {
        return new GroupCommitWriter.Queued(w, new CompletableFuture<>());
    }

    private static UUID idOf(GroupCommitWriter.Write w) {
        return w.records().getFirst().id();
    }

    private List<UUID> storedIds(Tenant tenant) {
        List<UUID> ids = new ArrayList<>();
        store.scan(tenant, m -> ids.add(m.id()));
        return ids;
    }
}
