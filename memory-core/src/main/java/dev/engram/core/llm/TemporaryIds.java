package dev.engram.core.llm;

import dev.engram.core.domain.MemoryRecord;
import dev.engram.core.reconcile.Candidate;
import dev.engram.core.reconcile.FactCandidates;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * The existing memories of a reconciliation under small integer ids ("0", "1", …) in order of first appearance, as Mem0
 * does: models copy short ids reliably but mangle or invent UUIDs, so UUIDs never reach the prompt.
 */
final class TemporaryIds {

    private final Map<String, MemoryRecord> byTempId = new LinkedHashMap<>();
    private final Map<UUID, String> tempIdByUuid = new LinkedHashMap<>();
    /** For each fact (by position), the temp ids of its candidates. */
    private final List<Set<String>> candidatesOfFact = new ArrayList<>();

    TemporaryIds(List<FactCandidates> facts) {
        for (FactCandidates fc : facts) {
            Set<String> ids = new LinkedHashSet<>();
            for (Candidate c : fc.candidates()) {
                MemoryRecord m = c.memory();
                String temp = tempIdByUuid.computeIfAbsent(m.id(), id -> {
                    String next = Integer.toString(byTempId.size());
                    byTempId.put(next, m);
                    return next;
                });
                ids.add(temp);
            }
            candidatesOfFact.add(ids);
        }
    }

    boolean isEmpty() {
        return byTempId.isEmpty();
    }

    /** The memory behind a temp id, or null when the model answered with an id it was not given. */
    MemoryRecord memory(String tempId) {
        return tempId == null ? null : byTempId.get(tempId.strip());
    }

    Map<String, MemoryRecord> all() {
        return byTempId;
    }

    boolean isCandidateOf(int factIndex, String tempId) {
        return candidatesOfFact.get(factIndex).contains(tempId);
    }
}
