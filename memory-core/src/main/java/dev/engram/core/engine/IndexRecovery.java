package dev.engram.core.engine;

import dev.engram.core.domain.Tenant;
import dev.engram.core.spi.MemoryStore;
import dev.engram.core.spi.VectorIndex;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * At start, brings an index that was not closed cleanly back in line with the store, the system of record. An index
 * that commits on an interval (Lucene) loses its uncommitted tail on a crash; it reports from when
 * ({@link VectorIndex#recoveryPoint()}), and every tenant's memories changed since then, less {@link #MARGIN}, are
 * compared and repaired ({@link IndexRepair#repairChangedSince}); an index that predates the mark gets the full check
 * once. Nothing to do after a clean close, or for an index whose every write is durable (Qdrant).
 */
final class IndexRecovery {

    /**
     * How far before the index's mark changes are re-checked: a record's {@code updatedAt} is taken when its add starts,
     * before extraction and embedding (an LLM call can take minutes), and may come from another clock than the index's.
     */
    static final Duration MARGIN = Duration.ofMinutes(10);
    private static final Logger LOG = LoggerFactory.getLogger(IndexRecovery.class);

    private IndexRecovery() {
    }

    static void run(MemoryStore store, VectorIndex index, IndexRepair repair) {
        Optional<Instant> point = index.recoveryPoint();
        if (point.isEmpty()) return;
        boolean full = point.get().equals(Instant.EPOCH);
        Instant since = full ? Instant.EPOCH : point.get().minus(MARGIN);
        long started = System.nanoTime();
        long memories = 0;
        int repaired = 0;
        for (Tenant tenant : store.tenants()) {
            ConsistencyReport report = full ? repair.check(tenant, true) : repair.repairChangedSince(tenant, since);
            memories += report.storeRecords();
            repaired += report.repaired();
        }
        index.recovered();
        LOG.info("The vector index was not closed cleanly: compared it with the store {} ({} live memories), repaired {} entries in {} ms",
                full ? "in full (it predates the recovery mark)" : "for changes since " + since, memories, repaired,
                (System.nanoTime() - started) / 1_000_000);
    }
}
