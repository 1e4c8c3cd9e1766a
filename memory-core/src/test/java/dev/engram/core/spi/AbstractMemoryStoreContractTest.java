package dev.engram.core.spi;

import dev.engram.core.domain.EntityCount;
import dev.engram.core.domain.HistoryEntry;
import dev.engram.core.domain.HistoryEvent;
import dev.engram.core.domain.MemoryRecord;
import dev.engram.core.domain.MemoryState;
import dev.engram.core.domain.Scope;
import dev.engram.core.domain.Source;
import dev.engram.core.domain.Tenant;
import dev.engram.core.error.StorageException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The behaviour every {@link MemoryStore} must have, tenant isolation included. Each implementation has a thin
 * subclass that says how to create a fresh, empty store.
 */
public abstract class AbstractMemoryStoreContractTest {

    protected static final Tenant ACME = Tenant.of("acme", "alpha");
    protected static final Tenant ACME_BETA = Tenant.of("acme", "beta");
    protected static final Tenant GLOBEX = Tenant.of("globex", "alpha");
    protected static final Instant T0 = Instant.parse("2025-03-01T10:15:30.123Z");

    protected MemoryStore store;

    /** A new, empty store. */
    protected abstract MemoryStore createStore();

    @BeforeEach
    void openStore() {
        store = createStore();
    }

    @AfterEach
    void closeStore() {
        store.close();
    }

    // ---- records ---------------------------------------------------------------------------------------------------

    @Test
    void roundTripsEveryField() {
        MemoryRecord record = fullRecord(ACME, UUID.randomUUID());
        store.write(ACME, List.of(record), List.of());

        MemoryRecord read = store.get(ACME, record.id()).orElseThrow();

        assertThat(read).isEqualTo(record);
        assertThat(read.scope()).isEqualTo(record.scope());
        assertThat(read.sources()).containsExactlyElementsOf(record.sources());
        assertThat(read.metadata().keySet()).containsExactly("name", "count", "big", "ratio", "whole", "flag", "nothing", "nested", "list");
        assertThat(read.metadata().get("count")).isInstanceOf(Integer.class).isEqualTo(42);
        assertThat(read.metadata().get("big")).isInstanceOf(Long.class).isEqualTo(9_000_000_000L);
        assertThat(read.metadata().get("ratio")).isInstanceOf(Double.class).isEqualTo(0.25);
        assertThat(read.metadata().get("whole")).isInstanceOf(Double.class).isEqualTo(2.0);
        assertThat(read.metadata().get("flag")).isEqualTo(Boolean.TRUE);
        assertThat(read.metadata()).containsEntry("nothing", null);
        @SuppressWarnings("unchecked")
        Map<String, Object> nested = (Map<String, Object>) read.metadata().get("nested");
        assertThat(nested.keySet()).containsExactly("z", "a", "m");
        assertThat(read.metadata().get("list")).isEqualTo(Arrays.asList("x", 1, 1.5, false, null, Map.of("k", "v")));
    }

    @Test
    void aWriteWhoseBeforeCommitStepFailsLeavesNothing() {
        MemoryRecord kept = simpleRecord(ACME, UUID.randomUUID(), "kept");
        store.write(ACME, List.of(kept), List.of());
        MemoryRecord changed = kept.withText("changed", T0.plusSeconds(5));
        MemoryRecord added = simpleRecord(ACME, UUID.randomUUID(), "added");
        boolean[] ranInside = {false};

        assertThatThrownBy(() -> store.write(ACME, List.of(changed, added), List.of(history(added.id(), HistoryEvent.ADD, T0),
                history(kept.id(), HistoryEvent.UPDATE, T0)), () -> {
            ranInside[0] = true;
            throw new IllegalStateException("the index write failed");
        })).isInstanceOf(IllegalStateException.class).hasMessage("the index write failed");

        assertThat(ranInside[0]).isTrue();
        assertThat(store.get(ACME, kept.id())).contains(kept);
        assertThat(store.get(ACME, added.id())).isEmpty();
        List<MemoryRecord> all = new java.util.ArrayList<>();
        store.scan(ACME, all::add);
        assertThat(all).containsExactly(kept);
        assertThat(store.history(ACME, kept.id())).isEmpty();
        assertThat(store.history(ACME, added.id())).isEmpty();
    }

    @Test
    void returnsMetadataThatCannotBeChangedThroughTheRecord() {
        MemoryRecord record = fullRecord(ACME, UUID.randomUUID());
        store.write(ACME, List.of(record), List.of());

        @SuppressWarnings("unchecked")
        Map<String, Object> nested = (Map<String, Object>) store.get(ACME, record.id()).orElseThrow().metadata().get("nested");

        assertThatThrownBy(() -> nested.put("added", 1)).isInstanceOf(UnsupportedOperationException.class);
        assertThat(store.get(ACME, record.id()).orElseThrow()).isEqualTo(record);
    }

    @Test
    void roundTripsARecordWithoutOptionalFields() {
        MemoryRecord record = new MemoryRecord(UUID.randomUUID(), Scope.agent("planner").inTenant(ACME), "Prefers tea", null, null, null,
                null, null, T0, null, null, null, false, null, null, null, null);
        store.write(ACME, List.of(record), List.of());

        MemoryRecord read = store.get(ACME, record.id()).orElseThrow();

        assertThat(read).isEqualTo(record);
        assertThat(read.scope().userId()).isNull();
        assertThat(read.metadata()).isEmpty();
        assertThat(read.categories()).isEmpty();
        assertThat(read.sources()).isEmpty();
        assertThat(read.state()).isEqualTo(MemoryState.ACTIVE);
        assertThat(read.updatedAt()).isNull();
        assertThat(read.eventTime()).isNull();
        assertThat(read.expirationDate()).isNull();
        assertThat(read.replacedBy()).isNull();
        assertThat(read.slot()).isNull();
    }

    @Test
    void keepsInstantsToTheMillisecond() {
        Instant precise = Instant.parse("2025-03-01T10:15:30.123456789Z");
        Instant millis = Instant.parse("2025-03-01T10:15:30.123Z");
        UUID id = UUID.randomUUID();
        MemoryRecord record = simpleRecord(ACME, id, "Likes jazz").withText("Likes jazz", precise).withCreatedAt(precise)
                .withEventTime(precise).withMoreSources(List.of(new Source("ev-1", 0, null, "alice", "user", precise)));
        HistoryEntry entry = history(id, HistoryEvent.ADD, precise);

        store.write(ACME, List.of(record), List.of(entry));

        MemoryRecord read = store.get(ACME, id).orElseThrow();
        assertThat(read.createdAt()).isEqualTo(millis);
        assertThat(read.updatedAt()).isEqualTo(millis);
        assertThat(read.eventTime()).isEqualTo(millis);
        assertThat(read.sources().getFirst().timestamp()).isEqualTo(millis);
        assertThat(store.history(ACME, id).getFirst().at()).isEqualTo(millis);
    }

    @Test
    void replacesARecordWithTheSameId() {
        MemoryRecord original = simpleRecord(ACME, UUID.randomUUID(), "Lives in Paris");
        store.write(ACME, List.of(original), List.of());
        MemoryRecord moved = original.withText("Lives in Berlin", T0.plusSeconds(60))
                .withState(MemoryState.SUPERSEDED, UUID.randomUUID(), T0.plusSeconds(60));

        store.write(ACME, List.of(moved), List.of());

        assertThat(store.get(ACME, original.id())).contains(moved);
        assertThat(scanAll(ACME)).containsExactly(moved);
    }

    @Test
    void getReturnsEmptyForAnUnknownId() {
        assertThat(store.get(ACME, UUID.randomUUID())).isEmpty();
    }

    @Test
    void getAllReturnsOnlyTheRecordsThatExist() {
        MemoryRecord a = simpleRecord(ACME, UUID.randomUUID(), "a");
        MemoryRecord b = simpleRecord(ACME, UUID.randomUUID(), "b");
        MemoryRecord c = simpleRecord(ACME, UUID.randomUUID(), "c");
        store.write(ACME, List.of(a, b, c), List.of());
        UUID unknown = UUID.randomUUID();

        Map<UUID, MemoryRecord> found = store.getAll(ACME, List.of(c.id(), unknown, a.id()));

        assertThat(found).containsOnly(Map.entry(a.id(), a), Map.entry(c.id(), c));
        assertThat(store.getAll(ACME, List.of())).isEmpty();
    }

    @Test
    void emptyWriteStoresNothing() {
        store.write(ACME, List.of(), List.of());

        assertThat(store.tenants()).isEmpty();
    }

    // ---- history ---------------------------------------------------------------------------------------------------

    @Test
    void returnsHistoryOldestFirstWithEveryField() {
        UUID id = UUID.randomUUID();
        UUID other = UUID.randomUUID();
        store.write(ACME, List.of(simpleRecord(ACME, id, "Lives in Berlin")), List.of());
        HistoryEntry update = new HistoryEntry(UUID.randomUUID(), id, HistoryEvent.UPDATE, "Lives in Paris", "Lives in Berlin", "alice",
                "user", T0.plusSeconds(20), other, "ev-2", "llm: UPDATE");
        HistoryEntry add = new HistoryEntry(UUID.randomUUID(), id, HistoryEvent.ADD, null, "Lives in Paris", "alice", "user", T0,
                null, "ev-1", "new fact");
        HistoryEntry noneFirst = new HistoryEntry(UUID.randomUUID(), id, HistoryEvent.NONE, "Lives in Berlin", "Lives in Berlin", null,
                null, T0.plusSeconds(30), null, null, "exact duplicate");
        HistoryEntry noneSecond = new HistoryEntry(UUID.randomUUID(), id, HistoryEvent.NONE, "Lives in Berlin", "Lives in Berlin", null,
                null, T0.plusSeconds(30), null, "ev-4", null);

        store.write(ACME, List.of(), List.of(update, add));
        store.write(ACME, List.of(), List.of(noneFirst, noneSecond));

        assertThat(store.history(ACME, id)).containsExactly(add, update, noneFirst, noneSecond);
    }

    @Test
    void historyOfAMemoryWithoutEntriesIsEmpty() {
        MemoryRecord record = simpleRecord(ACME, UUID.randomUUID(), "no history");
        store.write(ACME, List.of(record), List.of());

        assertThat(store.history(ACME, record.id())).isEmpty();
        assertThat(store.history(ACME, UUID.randomUUID())).isEmpty();
    }

    @Test
    void rejectsHistoryOfAnUnknownMemory() {
        UUID unknown = UUID.randomUUID();

        assertThatThrownBy(() -> store.write(ACME, List.of(), List.of(history(unknown, HistoryEvent.DELETE, T0))))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(store.history(ACME, unknown)).isEmpty();
    }

    @Test
    void aFailedWriteLeavesNothingBehind() {
        MemoryRecord existing = simpleRecord(ACME, UUID.randomUUID(), "existing");
        HistoryEntry existingEntry = history(existing.id(), HistoryEvent.ADD, T0);
        store.write(ACME, List.of(existing), List.of(existingEntry));
        MemoryRecord fresh = simpleRecord(ACME, UUID.randomUUID(), "fresh");
        MemoryRecord changed = existing.withText("changed", T0.plusSeconds(5));
        HistoryEntry freshEntry = history(fresh.id(), HistoryEvent.ADD, T0.plusSeconds(5));
        HistoryEntry duplicateId = new HistoryEntry(existingEntry.id(), existing.id(), HistoryEvent.UPDATE, "existing", "changed",
                null, null, T0.plusSeconds(5), null, null, null);

        assertThatThrownBy(() -> store.write(ACME, List.of(fresh, changed), List.of(freshEntry, duplicateId)))
                .isInstanceOf(StorageException.class);

        assertThat(store.get(ACME, fresh.id())).isEmpty();
        assertThat(store.get(ACME, existing.id())).contains(existing);
        assertThat(store.history(ACME, fresh.id())).isEmpty();
        assertThat(store.history(ACME, existing.id())).containsExactly(existingEntry);
    }

    // ---- scan, tenants, purge, deleteTenant --------------------------------------------------------------------------

    @Test
    void scanVisitsEveryRecordOnceInAnyState() {
        List<MemoryRecord> records = new ArrayList<>();
        MemoryState[] states = MemoryState.values();
        for (int i = 0; i < 60; i++) {
            MemoryRecord record = simpleRecord(ACME, UUID.randomUUID(), "fact " + i);
            records.add(record.withState(states[i % states.length], null, T0));
        }
        store.write(ACME, records, List.of());
        store.write(GLOBEX, List.of(simpleRecord(GLOBEX, UUID.randomUUID(), "elsewhere")), List.of());

        List<MemoryRecord> visited = scanAll(ACME);

        assertThat(visited).hasSize(records.size()).containsExactlyInAnyOrderElementsOf(records);
    }

    @Test
    void scanLetsTheActionUseTheStore() {
        MemoryRecord a = simpleRecord(ACME, UUID.randomUUID(), "a");
        MemoryRecord b = simpleRecord(ACME, UUID.randomUUID(), "b");
        store.write(ACME, List.of(a, b), List.of());

        store.scan(ACME, record -> store.write(ACME, List.of(record.withText(record.text() + "!", T0.plusSeconds(1))), List.of()));

        assertThat(store.get(ACME, a.id()).orElseThrow().text()).isEqualTo("a!");
        assertThat(store.get(ACME, b.id()).orElseThrow().text()).isEqualTo("b!");
    }

    @Test
    void countsTheEntitiesOfActiveRecordsOfTheTenantOnly() {
        Scope aliceInRun = new Scope(ACME, "alice", "planner", "run-1", null);
        MemoryRecord first = scoped(aliceInRun, T0, T0.plusSeconds(10));
        MemoryRecord second = scoped(new Scope(ACME, "alice", null, null, "travel"), T0.plusSeconds(3), T0.plusSeconds(20));
        MemoryRecord bob = scoped(new Scope(ACME, "bob", "planner", null, null), T0.plusSeconds(1), T0.plusSeconds(2));
        MemoryRecord deleted = scoped(new Scope(ACME, "carol", "planner", null, null), T0.minusSeconds(60), T0.plusSeconds(99))
                .withState(MemoryState.DELETED, null, T0.plusSeconds(99));
        store.write(ACME, List.of(first, second, bob, deleted), List.of());
        store.write(GLOBEX, List.of(scoped(new Scope(GLOBEX, "alice", "spy", null, null), T0, T0)), List.of());
        store.write(ACME_BETA, List.of(scoped(new Scope(ACME_BETA, "dave", null, null, null), T0, T0)), List.of());

        assertThat(store.entities(ACME)).containsExactlyInAnyOrder(
                new EntityCount(EntityCount.Kind.USER, "alice", 2, T0, T0.plusSeconds(20)),
                new EntityCount(EntityCount.Kind.USER, "bob", 1, T0.plusSeconds(1), T0.plusSeconds(2)),
                new EntityCount(EntityCount.Kind.AGENT, "planner", 2, T0, T0.plusSeconds(10)),
                new EntityCount(EntityCount.Kind.RUN, "run-1", 1, T0, T0.plusSeconds(10)),
                new EntityCount(EntityCount.Kind.APP, "travel", 1, T0.plusSeconds(3), T0.plusSeconds(20)));
        assertThat(store.entities(GLOBEX)).containsExactlyInAnyOrder(new EntityCount(EntityCount.Kind.USER, "alice", 1, T0, T0),
                new EntityCount(EntityCount.Kind.AGENT, "spy", 1, T0, T0));
        assertThat(store.entities(Tenant.of("initech", "alpha"))).isEmpty();
    }

    @Test
    void listsTheTenantsThatHaveRecords() {
        MemoryRecord acme = simpleRecord(ACME, UUID.randomUUID(), "acme");
        MemoryRecord globex = simpleRecord(GLOBEX, UUID.randomUUID(), "globex");
        store.write(ACME, List.of(acme), List.of());
        store.write(GLOBEX, List.of(globex), List.of());

        assertThat(store.tenants()).containsExactlyInAnyOrder(ACME, GLOBEX);

        store.purge(GLOBEX, List.of(globex.id()));
        assertThat(store.tenants()).containsExactly(ACME);

        store.deleteTenant(ACME);
        assertThat(store.tenants()).isEmpty();
    }

    @Test
    void purgeRemovesRecordsAndTheirHistory() {
        MemoryRecord gone = simpleRecord(ACME, UUID.randomUUID(), "gone");
        MemoryRecord kept = simpleRecord(ACME, UUID.randomUUID(), "kept");
        HistoryEntry keptEntry = history(kept.id(), HistoryEvent.ADD, T0);
        store.write(ACME, List.of(gone, kept), List.of(history(gone.id(), HistoryEvent.ADD, T0), keptEntry));

        store.purge(ACME, List.of(gone.id(), UUID.randomUUID()));

        assertThat(store.get(ACME, gone.id())).isEmpty();
        assertThat(store.history(ACME, gone.id())).isEmpty();
        assertThat(store.get(ACME, kept.id())).contains(kept);
        assertThat(store.history(ACME, kept.id())).containsExactly(keptEntry);
        assertThat(scanAll(ACME)).containsExactly(kept);
    }

    @Test
    void aPurgedMemoryCanBeWrittenAgain() {
        MemoryRecord record = simpleRecord(ACME, UUID.randomUUID(), "again");
        HistoryEntry entry = history(record.id(), HistoryEvent.ADD, T0);
        store.write(ACME, List.of(record), List.of(entry));
        store.purge(ACME, List.of(record.id()));

        store.write(ACME, List.of(record), List.of(entry));

        assertThat(store.get(ACME, record.id())).contains(record);
        assertThat(store.history(ACME, record.id())).containsExactly(entry);
    }

    @Test
    void deleteTenantRemovesAllItsRecordsAndHistory() {
        MemoryRecord a = simpleRecord(ACME, UUID.randomUUID(), "a");
        MemoryRecord b = simpleRecord(ACME, UUID.randomUUID(), "b");
        store.write(ACME, List.of(a, b), List.of(history(a.id(), HistoryEvent.ADD, T0)));

        store.deleteTenant(ACME);

        assertThat(scanAll(ACME)).isEmpty();
        assertThat(store.getAll(ACME, List.of(a.id(), b.id()))).isEmpty();
        assertThat(store.history(ACME, a.id())).isEmpty();
        assertThat(store.tenants()).isEmpty();
    }

    // ---- tenant isolation --------------------------------------------------------------------------------------------

    @Test
    void theSameIdInTwoTenantsIsTwoRecords() {
        UUID id = UUID.randomUUID();
        MemoryRecord inAcme = simpleRecord(ACME, id, "acme's fact");
        MemoryRecord inBeta = simpleRecord(ACME_BETA, id, "beta's fact");
        store.write(ACME, List.of(inAcme), List.of(history(id, HistoryEvent.ADD, T0)));
        store.write(ACME_BETA, List.of(inBeta), List.of());

        MemoryRecord changed = inAcme.withText("acme's new fact", T0.plusSeconds(1));
        store.write(ACME, List.of(changed), List.of());

        assertThat(store.get(ACME, id)).contains(changed);
        assertThat(store.get(ACME_BETA, id)).contains(inBeta);
        assertThat(store.history(ACME, id)).hasSize(1);
        assertThat(store.history(ACME_BETA, id)).isEmpty();
    }

    @Test
    void readsNeverReachAnotherTenant() {
        MemoryRecord record = simpleRecord(ACME, UUID.randomUUID(), "private");
        store.write(ACME, List.of(record), List.of(history(record.id(), HistoryEvent.ADD, T0)));

        for (Tenant other : List.of(ACME_BETA, GLOBEX, Tenant.of("alpha", "acme"))) {
            assertThat(store.get(other, record.id())).isEmpty();
            assertThat(store.getAll(other, List.of(record.id()))).isEmpty();
            assertThat(store.history(other, record.id())).isEmpty();
            assertThat(scanAll(other)).isEmpty();
        }
    }

    @Test
    void purgeAndDeleteTenantNeverReachAnotherTenant() {
        UUID id = UUID.randomUUID();
        MemoryRecord inAcme = simpleRecord(ACME, id, "acme");
        HistoryEntry acmeEntry = history(id, HistoryEvent.ADD, T0);
        store.write(ACME, List.of(inAcme), List.of(acmeEntry));
        store.write(ACME_BETA, List.of(simpleRecord(ACME_BETA, id, "beta")), List.of(history(id, HistoryEvent.ADD, T0)));
        store.write(GLOBEX, List.of(simpleRecord(GLOBEX, id, "globex")), List.of());

        store.purge(ACME_BETA, List.of(id));
        store.deleteTenant(GLOBEX);

        assertThat(store.get(ACME, id)).contains(inAcme);
        assertThat(store.history(ACME, id)).containsExactly(acmeEntry);
        assertThat(store.get(ACME_BETA, id)).isEmpty();
        assertThat(store.get(GLOBEX, id)).isEmpty();
        assertThat(store.tenants()).containsExactly(ACME);
    }

    @Test
    void rejectsARecordOfAnotherTenant() {
        MemoryRecord ours = simpleRecord(ACME, UUID.randomUUID(), "ours");
        MemoryRecord theirs = simpleRecord(GLOBEX, UUID.randomUUID(), "theirs");

        assertThatThrownBy(() -> store.write(ACME, List.of(ours, theirs), List.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(theirs.id().toString());

        assertThat(store.get(ACME, ours.id())).isEmpty();
        assertThat(store.get(ACME, theirs.id())).isEmpty();
        assertThat(store.get(GLOBEX, theirs.id())).isEmpty();
        assertThat(store.tenants()).isEmpty();
    }

    @Test
    void rejectsHistoryForAMemoryOfAnotherTenant() {
        MemoryRecord theirs = simpleRecord(GLOBEX, UUID.randomUUID(), "theirs");
        HistoryEntry theirEntry = history(theirs.id(), HistoryEvent.ADD, T0);
        store.write(GLOBEX, List.of(theirs), List.of(theirEntry));

        assertThatThrownBy(() -> store.write(ACME, List.of(), List.of(history(theirs.id(), HistoryEvent.DELETE, T0.plusSeconds(1)))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(theirs.id().toString());

        assertThat(store.history(GLOBEX, theirs.id())).containsExactly(theirEntry);
        assertThat(store.history(ACME, theirs.id())).isEmpty();
    }

    // ---- concurrency -------------------------------------------------------------------------------------------------

    @Test
    void parallelWritersLoseNoWrite() throws Exception {
        int writers = 4;
        int writesEach = 20;
        MemoryRecord shared = simpleRecord(ACME, UUID.randomUUID(), "shared");
        store.write(ACME, List.of(shared), List.of());
        List<Callable<Void>> tasks = new ArrayList<>();
        for (int w = 0; w < writers; w++) {
            Tenant tenant = w % 2 == 0 ? ACME : GLOBEX;
            tasks.add(() -> {
                for (int i = 0; i < writesEach; i++) {
                    MemoryRecord record = simpleRecord(tenant, UUID.randomUUID(), "parallel " + i);
                    List<HistoryEntry> entries = new ArrayList<>(List.of(history(record.id(), HistoryEvent.ADD, T0)));
                    if (tenant.equals(ACME)) entries.add(history(shared.id(), HistoryEvent.NONE, T0.plusMillis(i)));
                    store.write(tenant, List.of(record), entries);
                }
                return null;
            });
        }
        ExecutorService pool = Executors.newFixedThreadPool(writers);
        try {
            for (Future<Void> done : pool.invokeAll(tasks, 30, TimeUnit.SECONDS)) done.get();
        } finally {
            pool.shutdownNow();
        }

        List<MemoryRecord> acme = scanAll(ACME);
        assertThat(acme).hasSize(writers / 2 * writesEach + 1);
        assertThat(scanAll(GLOBEX)).hasSize(writers / 2 * writesEach);
        assertThat(new HashSet<>(acme.stream().map(MemoryRecord::id).toList())).hasSize(acme.size());
        for (MemoryRecord record : acme) {
            if (!record.id().equals(shared.id())) assertThat(store.history(ACME, record.id())).hasSize(1);
        }
        assertThat(store.history(ACME, shared.id())).hasSize(writers / 2 * writesEach);
    }

    // ---- fixtures ----------------------------------------------------------------------------------------------------

    protected List<MemoryRecord> scanAll(Tenant tenant) {
        List<MemoryRecord> visited = Collections.synchronizedList(new ArrayList<>());
        store.scan(tenant, visited::add);
        return visited;
    }

    /** A record with every field set; metadata mixes every JSON type. */
    protected static MemoryRecord fullRecord(Tenant tenant, UUID id) {
        Map<String, Object> nested = new LinkedHashMap<>();
        nested.put("z", "last letter");
        nested.put("a", List.of(1, 2, 3));
        nested.put("m", Map.of("deep", true));
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("name", "Alice");
        metadata.put("count", 42);
        metadata.put("big", 9_000_000_000L);
        metadata.put("ratio", 0.25);
        metadata.put("whole", 2.0);
        metadata.put("flag", true);
        metadata.put("nothing", null);
        metadata.put("nested", nested);
        metadata.put("list", Arrays.asList("x", 1, 1.5, false, null, Map.of("k", "v")));
        Scope scope = new Scope(tenant, "alice", "planner", "run-7", "travel-app");
        List<Source> sources = List.of(
                new Source("ev-1", 0, "msg-1", "alice", "user", T0),
                new Source("ev-2", 3, null, null, "assistant", null));
        return new MemoryRecord(id, scope, "Alice moved to Berlin", null, "alice", "user", metadata, List.of("personal", "travel"),
                T0, T0.plusSeconds(5), Instant.parse("2025-02-27T00:00:00Z"), LocalDate.of(2026, 1, 31), true,
                MemoryState.SUPERSEDED, UUID.randomUUID(), sources, "user|location");
    }

    protected static MemoryRecord simpleRecord(Tenant tenant, UUID id, String text) {
        return new MemoryRecord(id, Scope.user("alice").inTenant(tenant), text, null, null, null, Map.of("n", 1), List.of(), T0, T0,
                null, null, false, MemoryState.ACTIVE, null, List.of(), null);
    }

    private static MemoryRecord scoped(Scope scope, Instant created, Instant updated) {
        return new MemoryRecord(UUID.randomUUID(), scope, "fact", null, null, null, Map.of(), List.of(), created, updated,
                null, null, false, MemoryState.ACTIVE, null, List.of(), null);
    }

    protected static HistoryEntry history(UUID memoryId, HistoryEvent event, Instant at) {
        return new HistoryEntry(UUID.randomUUID(), memoryId, event, null, "text", "alice", "user", at, null, "ev", "reason");
    }
}
