package dev.engram.core.engine;

/**
 * What a consistency check of one tenant found, and what it repaired.
 *
 * @param storeRecords     memories in the store that belong in the index (active or superseded)
 * @param indexEntries     entries the index held before any repair
 * @param missingFromIndex memories of the store without an index entry
 * @param orphansInIndex   index entries without a live memory in the store
 * @param stale            index entries whose text or state differs from the store
 * @param repaired         index entries written or removed to bring the index in line with the store (0 when not repairing)
 */
public record ConsistencyReport(long storeRecords, long indexEntries, int missingFromIndex, int orphansInIndex, int stale, int repaired) {

    public boolean consistent() {
        return missingFromIndex == 0 && orphansInIndex == 0 && stale == 0;
    }
}
