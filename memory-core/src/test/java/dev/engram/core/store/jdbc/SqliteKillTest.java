package dev.engram.core.store.jdbc;

import dev.engram.core.domain.HistoryEntry;
import dev.engram.core.domain.HistoryEvent;
import dev.engram.core.domain.MemoryRecord;
import dev.engram.core.domain.MemoryState;
import dev.engram.core.domain.Scope;
import dev.engram.core.domain.Tenant;
import dev.engram.core.spi.MemoryStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code kill -9} loses nothing the SQLite store acknowledged: a child JVM writes memories one at a time and prints
 * each id once {@code write} returned; the test kills it (SIGKILL) mid-stream, reopens the file and finds every printed
 * memory with its history, and the store takes new writes.
 */
class SqliteKillTest {

    private static final Tenant TENANT = Tenant.of("acme", "alpha");
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    private static final int ACKNOWLEDGED_BEFORE_KILL = 300;

    @TempDir
    Path dir;

    @Test
    void aKilledWriterLosesNothingItAcknowledged() throws Exception {
        Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), Writer.class.getName(), dir.toString())
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        List<UUID> acknowledged = new ArrayList<>();
        try (var out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            while (acknowledged.size() < ACKNOWLEDGED_BEFORE_KILL) {
                String line = out.readLine();
                assertThat(line).as("the writer stopped early").isNotNull();
                acknowledged.add(UUID.fromString(line));
            }
            child.destroyForcibly(); // SIGKILL while it writes: no shutdown hook, no close
            assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
        }
        assertThat(child.exitValue()).as("killed by SIGKILL").isEqualTo(128 + 9);

        try (MemoryStore reopened = JdbcMemoryStore.openSqlite(dir)) {
            for (UUID id : acknowledged) {
                assertThat(reopened.get(TENANT, id)).as("memory %s", id).isPresent();
                assertThat(reopened.history(TENANT, id)).as("history of %s", id).hasSize(1);
            }
            MemoryRecord after = record(UUID.randomUUID());
            reopened.write(TENANT, List.of(after), List.of());
            assertThat(reopened.get(TENANT, after.id())).contains(after);
        }
    }

    private static MemoryRecord record(UUID id) {
        return new MemoryRecord(id, Scope.user("alice").inTenant(TENANT), "fact " + id, null, null, null, Map.of(), List.of(), T0, T0,
                null, null, false, MemoryState.ACTIVE, null, List.of(), null);
    }

    /** The child: writes until killed, printing each memory's id after its write returned. */
    public static final class Writer {
        public static void main(String[] args) {
            MemoryStore store = JdbcMemoryStore.openSqlite(Path.of(args[0]));
            while (true) {
                MemoryRecord record = record(UUID.randomUUID());
                store.write(TENANT, List.of(record), List.of(new HistoryEntry(UUID.randomUUID(), record.id(), HistoryEvent.ADD, null,
                        record.text(), "alice", "user", T0, null, null, null)));
                System.out.println(record.id());
                System.out.flush();
            }
        }
    }
}
