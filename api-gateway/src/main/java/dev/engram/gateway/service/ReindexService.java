package dev.engram.gateway.service;

import dev.engram.core.domain.Tenant;
import dev.engram.core.engine.ConsistencyReport;
import dev.engram.core.engine.MemoryEngine;
import dev.engram.core.error.NotFoundException;
import dev.engram.core.spi.MemoryStore;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.util.List;

/**
 * Rebuilds the vector index from the system of record (H2 or PostgreSQL): after restoring a database backup, moving to
 * another index (Lucene → Qdrant), or repairing an index that missed writes. One tenant, one organisation, or all.
 * Memories are re-embedded, so a large store takes a while: the call answers when done.
 */
@ApplicationScoped
public class ReindexService {

    private static final Logger LOG = Logger.getLogger(ReindexService.class);

    /** What was rebuilt. */
    public record Reindexed(int tenants, int memories) {
    }

    private final MemoryEngine engine;
    private final MemoryStore store;

    ReindexService(MemoryEngine engine, MemoryStore store) {
        this.engine = engine;
        this.store = store;
    }

    /** @param orgId null for every organisation; @param projectId null for every project of the organisation */
    public Reindexed reindex(String orgId, String projectId) {
        List<Tenant> tenants = store.tenants().stream()
                .filter(t -> orgId == null || t.orgId().equals(orgId))
                .filter(t -> projectId == null || t.projectId().equals(projectId))
                .toList();
        if (tenants.isEmpty() && projectId != null) throw new NotFoundException("No memories in project " + projectId + " of organisation " + orgId);
        int memories = 0;
        for (Tenant t : tenants) {
            int n = engine.reindex(t);
            LOG.infof("Reindexed %d memories of %s/%s", n, t.orgId(), t.projectId());
            memories += n;
        }
        return new Reindexed(tenants.size(), memories);
    }

    /**
     * Compares the project's store and index (memories missing from the index, entries without a memory, entries with
     * another text or state) and, with {@code repair}, rewrites those entries from the store.
     */
    public ConsistencyReport checkConsistency(String orgId, String projectId, boolean repair) {
        Tenant tenant;
        try {
            tenant = Tenant.of(orgId, projectId);
        } catch (IllegalArgumentException e) {
            throw new dev.engram.core.error.ValidationException(e.getMessage());
        }
        ConsistencyReport report = engine.checkConsistency(tenant, repair);
        if (!report.consistent()) {
            LOG.warnf("Consistency check of %s/%s: %d missing from the index, %d orphaned, %d stale; %d repaired", orgId, projectId,
                    report.missingFromIndex(), report.orphansInIndex(), report.stale(), report.repaired());
        }
        return report;
    }
}
