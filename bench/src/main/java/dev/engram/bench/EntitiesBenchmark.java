package dev.engram.bench;

import dev.engram.core.domain.MemoryRecord;
import dev.engram.core.domain.MemoryState;
import dev.engram.core.domain.Scope;
import dev.engram.core.domain.Tenant;
import dev.engram.core.spi.MemoryStore;
import dev.engram.core.store.jdbc.JdbcMemoryStore;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.IntSupplier;

/**
 * What {@code GET /v1/entities/} costs the embedded SQLite store: the tenant's entities counted by reading every record
 * ({@link MemoryStore#scan}, what the listing did before) against the aggregate query ({@link MemoryStore#entities}).
 * Writes N large memories (a text of {@code --text-bytes} and 20 metadata keys each) over U users, 5 agents and N/10 runs,
 * then prints the median of 5 timed calls of each after 2 warm-up calls.
 *
 * <pre>
 *   --memories N     memories written (default 2000)
 *   --users U        users they are spread over (default 50)
 *   --text-bytes B   characters of each memory's text (default 4000)
 *   --dir PATH       work directory (default target/entities-bench); emptied first
 * </pre>
 */
public final class EntitiesBenchmark {

    private static final Set<String> OPTIONS = Set.of("memories", "users", "text-bytes", "dir");
    private static final Tenant TENANT = Tenant.of("bench", "entities");
    private static final int RUNS = 5;

    private EntitiesBenchmark() {
    }

    public static void main(String[] args) {
        CommandLine cli;
        try {
            cli = CommandLine.parse(args, OPTIONS);
        } catch (IllegalArgumentException e) {
            System.err.println("entities-bench: " + e.getMessage());
            System.exit(2);
            return;
        }
        int memories = cli.intValue("memories", 2_000);
        int users = cli.intValue("users", 50);
        int textBytes = cli.intValue("text-bytes", 4_000);
        Path dir = Path.of(cli.get("dir", "target/entities-bench"));
        BenchFiles.deleteRecursively(dir);
        try (MemoryStore store = JdbcMemoryStore.openSqlite(dir)) {
            write(store, memories, users, textBytes);
            long scanned = median(() -> countByScanning(store).size());
            long aggregated = median(() -> store.entities(TENANT).size());
            int entities = store.entities(TENANT).size();
            if (entities != countByScanning(store).size()) throw new IllegalStateException("the two counts disagree");
            System.out.printf(Locale.ROOT, "| memories | text bytes | entities | scan (before) | aggregate query (after) |%n|---|---|---|---|---|%n"
                    + "| %d | %d | %d | %.1f ms | %.1f ms |%n", memories, textBytes, entities, scanned / 1e6, aggregated / 1e6);
        }
    }

    private static void write(MemoryStore store, int memories, int users, int textBytes) {
        String text = "x".repeat(textBytes);
        Instant t0 = Instant.parse("2026-01-01T00:00:00Z");
        List<MemoryRecord> batch = new ArrayList<>();
        for (int i = 0; i < memories; i++) {
            Map<String, Object> metadata = new LinkedHashMap<>();
            for (int k = 0; k < 20; k++) metadata.put("key" + k, "value " + k + " of memory " + i);
            Scope scope = new Scope(TENANT, "user-" + (i % users), "agent-" + (i % 5), "run-" + (i / 10), null);
            batch.add(new MemoryRecord(UUID.randomUUID(), scope, text + i, null, null, null, metadata, List.of("bench"),
                    t0.plusSeconds(i), t0.plusSeconds(i), null, null, false, MemoryState.ACTIVE, null, List.of(), null));
            if (batch.size() == 100) {
                store.write(TENANT, batch, List.of());
                batch.clear();
            }
        }
        if (!batch.isEmpty()) store.write(TENANT, batch, List.of());
    }

    /** The listing before: every record read and counted in Java. */
    private static Map<String, Long> countByScanning(MemoryStore store) {
        Map<String, Long> counts = new HashMap<>();
        store.scan(TENANT, m -> {
            if (m.state() != MemoryState.ACTIVE) return;
            for (String id : Arrays.asList("user:" + m.scope().userId(), "agent:" + m.scope().agentId(), "run:" + m.scope().runId(),
                    m.scope().appId() == null ? null : "app:" + m.scope().appId())) {
                if (id != null) counts.merge(id, 1L, Long::sum);
            }
        });
        return counts;
    }

    /** Median nanoseconds of {@value #RUNS} calls after two warm-up calls. */
    private static long median(IntSupplier call) {
        for (int i = 0; i < 2; i++) call.getAsInt();
        long[] times = new long[RUNS];
        for (int i = 0; i < RUNS; i++) {
            long start = System.nanoTime();
            call.getAsInt();
            times[i] = System.nanoTime() - start;
        }
        Arrays.sort(times);
        return times[RUNS / 2];
    }
}
