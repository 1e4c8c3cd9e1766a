package dev.engram.core.platform;

import dev.engram.core.domain.HistoryEntry;
import dev.engram.core.domain.HistoryEvent;
import dev.engram.core.domain.MemoryRecord;
import dev.engram.core.domain.MemoryState;
import dev.engram.core.domain.Scope;
import dev.engram.core.domain.Source;
import dev.engram.core.domain.Tenant;
import dev.engram.core.domain.TokenUsage;
import dev.engram.core.ingest.EventRecord;
import dev.engram.core.store.jdbc.SqlDialect;
import dev.engram.core.tenant.ApiKey;
import dev.engram.core.tenant.ApiKeys;
import dev.engram.core.tenant.KeyScope;
import dev.engram.core.tenant.Project;
import dev.engram.core.tenant.ProjectDefaults;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** A data directory written by the H2 store is migrated to SQLite at start, without loss, with a backup of the H2 files. */
class H2MigrationTest {

    private static final Tenant ACME = Tenant.of("acme", "alpha");
    private static final Tenant GLOBEX = Tenant.of("globex", "main");
    private static final Instant T0 = Instant.parse("2025-03-01T10:15:30.123Z");

    @TempDir
    Path data;

    /** What the H2 store held, read back from H2 before the migration. */
    private record Snapshot(Map<UUID, MemoryRecord> memories, Map<UUID, List<HistoryEntry>> history, List<EventRecord> events,
                            List<Project> projects, List<ApiKey> keys, Map<Tenant, String> keyTexts) {
    }

    @Test
    void migratesMemoriesHistoryEventsAndKeysOfEveryTenantAndKeepsTheH2FilesAsABackup() throws IOException {
        Path store = data.resolve("store");
        Snapshot before = writeH2(store);

        try (PlatformStores sqlite = PlatformStores.embedded(EmbeddedDatabase.open(store, SqlDialect.SQLITE, 4))) {
            assertThat(sqlite.memories().tenants()).containsExactlyInAnyOrder(ACME, GLOBEX);
            verify(sqlite, before);
        }

        assertThat(store.resolve(EmbeddedDatabase.SQLITE_STORE_FILE)).exists();
        assertThat(store.resolve(EmbeddedDatabase.SQLITE_DIRECTORY_FILE)).exists();
        assertThat(store.resolve(H2StoreMigration.H2_FILE)).doesNotExist();
        try (Stream<Path> files = Files.list(store)) {
            assertThat(files.map(p -> p.getFileName().toString())).noneMatch(name -> name.endsWith(H2StoreMigration.TEMPORARY_SUFFIX));
        }
        List<Path> backups = backups();
        assertThat(backups).hasSize(1);
        assertThat(backups.getFirst().resolve(H2StoreMigration.H2_FILE)).isNotEmptyFile();

        // the second start opens SQLite as it is: nothing migrated again, nothing lost
        try (PlatformStores again = PlatformStores.embedded(EmbeddedDatabase.open(store, SqlDialect.SQLITE, 4))) {
            verify(again, before);
        }
        assertThat(backups()).hasSize(1);
    }

    @Test
    void aMigrationCutShortStartsOverFromTheH2Database() throws IOException {
        Path store = data.resolve("store");
        Snapshot before = writeH2(store);
        // what a killed migration leaves: temporary files, a renamed directory, no store file
        Files.writeString(store.resolve(EmbeddedDatabase.SQLITE_STORE_FILE + H2StoreMigration.TEMPORARY_SUFFIX), "half a database");
        Files.writeString(store.resolve(EmbeddedDatabase.SQLITE_STORE_FILE + H2StoreMigration.TEMPORARY_SUFFIX + "-wal"), "half a log");
        Files.writeString(store.resolve(EmbeddedDatabase.SQLITE_DIRECTORY_FILE), "not a database");

        try (PlatformStores sqlite = PlatformStores.embedded(EmbeddedDatabase.open(store, SqlDialect.SQLITE, 4))) {
            verify(sqlite, before);
        }
        assertThat(backups()).hasSize(1);
    }

    @Test
    void aStartStoppedBetweenTheRenameAndTheBackupFinishesTheBackup() throws IOException {
        Path store = data.resolve("store");
        Snapshot before = writeH2(store);
        Path first = H2StoreMigration.migrateIfPresent(store, Clock.fixed(T0, ZoneOffset.UTC));
        // as if the process had died before moving the H2 files: they are back beside the SQLite files
        Files.copy(first.resolve(H2StoreMigration.H2_FILE), store.resolve(H2StoreMigration.H2_FILE));

        Path second = H2StoreMigration.migrateIfPresent(store, Clock.fixed(T0.plusSeconds(60), ZoneOffset.UTC));

        assertThat(second).isNotEqualTo(first);
        assertThat(second.resolve(H2StoreMigration.H2_FILE)).exists();
        assertThat(store.resolve(H2StoreMigration.H2_FILE)).doesNotExist();
        try (PlatformStores sqlite = PlatformStores.embedded(EmbeddedDatabase.open(store, SqlDialect.SQLITE, 4))) {
            verify(sqlite, before);
        }
    }

    private List<Path> backups() throws IOException {
        try (Stream<Path> files = Files.list(data)) {
            return files.filter(p -> p.getFileName().toString().startsWith(H2StoreMigration.BACKUP_PREFIX)).toList();
        }
    }

    /** Two tenants with memories (one with every field set), history of several events, events in every state, keys. */
    private static Snapshot writeH2(Path store) {
        Map<UUID, MemoryRecord> memories = new LinkedHashMap<>();
        Map<UUID, List<HistoryEntry>> history = new LinkedHashMap<>();
        List<EventRecord> events = new ArrayList<>();
        Map<Tenant, String> keyTexts = new LinkedHashMap<>();
        try (PlatformStores h2 = PlatformStores.embedded(EmbeddedDatabase.open(store, SqlDialect.H2, 4))) {
            for (Tenant tenant : List.of(ACME, GLOBEX)) {
                List<MemoryRecord> records = new ArrayList<>();
                List<HistoryEntry> entries = new ArrayList<>();
                for (int i = 0; i < 30; i++) {
                    MemoryRecord record = i == 0 ? fullRecord(tenant) : simpleRecord(tenant, "fact " + i + " of " + tenant.orgId());
                    records.add(record);
                    entries.add(entry(record.id(), HistoryEvent.ADD, null, record.text(), T0.plusMillis(i)));
                }
                UUID updated = records.get(1).id();
                // same instant: the written order must survive
                entries.add(entry(updated, HistoryEvent.UPDATE, records.get(1).text(), "changed", T0.plusSeconds(5)));
                entries.add(entry(updated, HistoryEvent.DELETE, "changed", null, T0.plusSeconds(5)));
                h2.memories().write(tenant, records, entries);
                for (MemoryRecord r : records) memories.put(r.id(), h2.memories().get(tenant, r.id()).orElseThrow());
                for (MemoryRecord r : records) history.put(r.id(), h2.memories().history(tenant, r.id()));

                h2.events().created(tenant, "done-" + tenant.orgId(), "ADD", "{\"messages\":[]}", T0);
                h2.events().started(tenant, "done-" + tenant.orgId(), T0.plusSeconds(1));
                h2.events().succeeded(tenant, "done-" + tenant.orgId(), List.of(), new TokenUsage(10, 20, 1), T0.plusSeconds(2));
                h2.events().created(tenant, "failed-" + tenant.orgId(), "ADD", "{}", T0.plusSeconds(3));
                h2.events().started(tenant, "failed-" + tenant.orgId(), T0.plusSeconds(3));
                h2.events().failed(tenant, "failed-" + tenant.orgId(), "model unreachable", T0.plusSeconds(4));
                h2.events().created(tenant, "pending-" + tenant.orgId(), "ADD", "{}", T0.plusSeconds(5));
                events.addAll(h2.events().list(tenant, 1, 100).items());

                h2.keys().createProject(tenant, "Project " + tenant.orgId(), T0);
                String keyText = ApiKeys.generate();
                keyTexts.put(tenant, keyText);
                ApiKey key = h2.keys().createKey(tenant, "ci", keyText, EnumSet.of(KeyScope.READ, KeyScope.WRITE), "dev@example.com",
                        "user-of-" + tenant.orgId(), T0);
                h2.keys().touch(key.id(), T0.plusSeconds(9));
            }
            h2.keys().updateDefaults(ACME, new ProjectDefaults("Be brief", Map.of("food", "what they eat"), 30, true), T0);
            h2.keys().revoke(h2.keys().createKey(GLOBEX, "old", ApiKeys.generate(), Set.of(KeyScope.ADMIN), null, T0).id(), T0.plusSeconds(1));
            List<ApiKey> keys = new ArrayList<>(h2.keys().keys(ACME));
            keys.addAll(h2.keys().keys(GLOBEX));
            return new Snapshot(memories, history, events, h2.keys().projects(null), keys, keyTexts);
        }
    }

    private static void verify(PlatformStores stores, Snapshot before) {
        for (MemoryRecord record : before.memories().values()) {
            Tenant tenant = record.scope().tenant();
            assertThat(stores.memories().get(tenant, record.id())).contains(record);
            assertThat(stores.memories().history(tenant, record.id())).containsExactlyElementsOf(before.history().get(record.id()));
        }
        assertThat(before.memories()).hasSize(60);
        for (EventRecord event : before.events()) {
            assertThat(stores.events().get(event.tenant(), event.id())).contains(event);
        }
        assertThat(before.events()).hasSize(6);
        assertThat(stores.events().list(ACME, 1, 100).items()).containsExactlyElementsOf(
                before.events().stream().filter(e -> e.tenant().equals(ACME)).toList());
        assertThat(stores.keys().projects(null)).containsExactlyElementsOf(before.projects());
        List<ApiKey> keys = new ArrayList<>(stores.keys().keys(ACME));
        keys.addAll(stores.keys().keys(GLOBEX));
        assertThat(keys).containsExactlyElementsOf(before.keys());
        before.keyTexts().forEach((tenant, text) ->
                assertThat(stores.keys().findByKey(text)).hasValueSatisfying(k -> assertThat(k.tenant()).isEqualTo(tenant)));
        // the other tenant's rows stay out of reach
        UUID acmeMemory = before.memories().values().stream().filter(r -> r.scope().tenant().equals(ACME)).findFirst().orElseThrow().id();
        assertThat(stores.memories().get(GLOBEX, acmeMemory)).isEmpty();
    }

    private static MemoryRecord fullRecord(Tenant tenant) {
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("name", "Alice");
        metadata.put("count", 42);
        metadata.put("nested", Map.of("deep", true));
        return new MemoryRecord(UUID.randomUUID(), new Scope(tenant, "alice", "agent-7", "run-1", "app-2"), "Alice likes green tea",
                "hash-1", "alice", "user", metadata, List.of("food", "drinks"), T0, T0.plusSeconds(1), T0.minusSeconds(3600),
                LocalDate.of(2027, 1, 31), true, MemoryState.ACTIVE, UUID.randomUUID(),
                List.of(new Source("event-1", 0, "m-1", "alice", "user", T0)), "drink");
    }

    private static MemoryRecord simpleRecord(Tenant tenant, String text) {
        return new MemoryRecord(UUID.randomUUID(), Scope.user("bob").inTenant(tenant), text, null, null, null, Map.of(), List.of(), T0, T0,
                null, null, false, MemoryState.ACTIVE, null, List.of(), null);
    }

    private static HistoryEntry entry(UUID memoryId, HistoryEvent event, String oldText, String newText, Instant at) {
        return new HistoryEntry(UUID.randomUUID(), memoryId, event, oldText, newText, "alice", "user", at, null, "ev", null);
    }
}
