package dev.engram.core.reconcile;

import dev.engram.core.domain.MemoryRecord;
import dev.engram.core.domain.TokenUsage;
import dev.engram.core.engine.EngineSettings;
import dev.engram.core.extract.Fact;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;

/**
 * Reconciliation without an LLM, per fact, in this order:
 * <ol>
 *   <li>the same normalised text as a candidate: NONE;</li>
 *   <li>a candidate with the same attribute slot (e.g. user|location): NONE when it says the same thing, otherwise the
 *       new fact SUPERSEDES it (the newest statement of a single-valued attribute wins);</li>
 *   <li>a candidate above the duplicate similarity, or above the related similarity with high lexical overlap: NONE when
 *       the new fact adds nothing, UPDATE when it is a richer version of the same statement;</li>
 *   <li>otherwise ADD.</li>
 * </ol>
 * Immutable memories are never updated or superseded: the fact is added beside them instead.
 */
public final class OfflineReconciler implements Reconciler {

    private final EngineSettings settings;

    public OfflineReconciler(EngineSettings settings) {
        this.settings = settings;
    }

    @Override
    public Reconciliation reconcile(List<FactCandidates> facts) {
        List<Decision> out = new ArrayList<>(facts.size());
        for (FactCandidates fc : facts) out.add(decide(fc.fact(), fc.candidates()));
        return new Reconciliation(out, TokenUsage.NONE);
    }

    Decision decide(Fact fact, List<Candidate> candidates) {
        List<Candidate> sorted = new ArrayList<>(candidates);
        sorted.sort(Comparator.comparingDouble(Candidate::similarity).reversed());
        String norm = ContentTokens.normalized(fact.text());
        for (Candidate c : sorted) {
            if (ContentTokens.normalized(c.memory().text()).equals(norm)) {
                return new Decision.None(c.memory().id(), fact, "exact duplicate");
            }
        }
        Set<String> factTokens = ContentTokens.of(fact.text());
        if (fact.slot() != null) {
            for (Candidate c : sorted) {
                MemoryRecord m = c.memory();
                if (!fact.slot().equals(m.slot())) continue;
                Set<String> memTokens = ContentTokens.of(m.text());
                if (ContentTokens.containment(factTokens, memTokens) >= settings.lexicalContainment()
                        && c.similarity() >= settings.relatedSimilarity()) {
                    return new Decision.None(m.id(), fact, "restates " + attribute(fact.slot()));
                }
                if (m.immutable()) return new Decision.Add(fact, "new " + attribute(fact.slot()) + "; the old one is immutable");
                return new Decision.Supersede(m.id(), fact, "contradicts " + attribute(fact.slot()));
            }
        }
        for (Candidate c : sorted) {
            if (c.similarity() < settings.relatedSimilarity()) break;
            MemoryRecord m = c.memory();
            if (fact.slot() != null && m.slot() != null && !fact.slot().equals(m.slot())) continue;
            Set<String> memTokens = ContentTokens.of(m.text());
            double newInOld = ContentTokens.containment(factTokens, memTokens);
            double oldInNew = ContentTokens.containment(memTokens, factTokens);
            boolean duplicate = c.similarity() >= settings.duplicateSimilarity();
            if (newInOld >= settings.lexicalContainment() || (duplicate && factTokens.size() <= memTokens.size())) {
                return new Decision.None(m.id(), fact, String.format(java.util.Locale.ROOT, "duplicate (similarity %.2f)", c.similarity()));
            }
            if (oldInNew >= settings.lexicalContainment() && factTokens.size() > memTokens.size()) {
                if (m.immutable()) return new Decision.Add(fact, "richer version of an immutable memory");
                return new Decision.Update(m.id(), fact.text(), fact, "richer version of the same fact");
            }
            if (duplicate) {
                return new Decision.None(m.id(), fact, String.format(java.util.Locale.ROOT, "duplicate (similarity %.2f)", c.similarity()));
            }
        }
        return new Decision.Add(fact, "new fact");
    }

    private static String attribute(String slot) {
        int bar = slot.indexOf('|');
        return bar < 0 ? slot : slot.substring(bar + 1);
    }
}
