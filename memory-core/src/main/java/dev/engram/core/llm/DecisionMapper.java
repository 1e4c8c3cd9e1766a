package dev.engram.core.llm;

import dev.engram.core.domain.MemoryRecord;
import dev.engram.core.extract.Fact;
import dev.engram.core.reconcile.Decision;
import dev.engram.core.reconcile.FactCandidates;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Turns a phase-2 reply into Engram {@link Decision}s, enforcing what the model may get wrong:
 * <ul>
 *   <li>temporary ids map back to the real memories; ids the model was not given are ignored;</li>
 *   <li>each fact gets exactly one decision: UPDATE and NONE take the best-matching undecided fact among those the memory
 *       was a candidate of, ADD the best-matching undecided fact, and facts no entry covered become ADD;</li>
 *   <li>a DELETE whose memory is replaced by a fact added in the same reply (best text match among the added facts the
 *       memory was a candidate of) becomes a SUPERSEDE, so history is kept; a DELETE with no replacement stays a
 *       DELETE;</li>
 *   <li>immutable memories are never changed: UPDATE becomes NONE, DELETE is dropped (the fact stays an ADD);</li>
 *   <li>only the first entry about a memory counts.</li>
 * </ul>
 */
final class DecisionMapper {

    private static final Logger LOG = LoggerFactory.getLogger(DecisionMapper.class);

    private final List<FactCandidates> facts;
    private final TemporaryIds ids;
    private final Decision[] decisionOfFact;
    private final Set<String> decidedMemories = new HashSet<>();
    private final Map<String, MemoryRecord> deletions = new LinkedHashMap<>();

    DecisionMapper(List<FactCandidates> facts, TemporaryIds ids) {
        this.facts = facts;
        this.ids = ids;
        this.decisionOfFact = new Decision[facts.size()];
    }

    List<Decision> map(List<MemoryAction> actions) {
        for (MemoryAction action : actions) {
            switch (action.event()) {
                case ADD -> add(action);
                case UPDATE -> update(action);
                case NONE -> none(action);
                case DELETE -> delete(action);
            }
        }
        for (int f = 0; f < facts.size(); f++) {
            if (decisionOfFact[f] == null) {
                decisionOfFact[f] = new Decision.Add(fact(f), "llm: not covered by the model's reply, added");
            }
        }
        List<Decision> decisions = new ArrayList<>(List.of(decisionOfFact));
        deletions.forEach((tempId, memory) -> resolveDeletion(tempId, memory, decisions));
        return decisions;
    }

    private void add(MemoryAction action) {
        if (action.text() == null) return;
        int f = bestUndecidedFact(action.text(), null);
        if (f < 0) {
            LOG.info("Ignoring an ADD that matches no undecided fact: {}", action.text());
            return;
        }
        decisionOfFact[f] = new Decision.Add(fact(f), "llm: new information");
    }

    private void update(MemoryAction action) {
        MemoryRecord memory = claim(action);
        if (memory == null || action.text() == null) return;
        int f = bestUndecidedFact(action.text(), action.id().strip());
        if (f < 0) {
            LOG.info("Ignoring an UPDATE of memory {} that matches no undecided fact", memory.id());
            return;
        }
        if (memory.immutable()) {
            decisionOfFact[f] = new Decision.None(memory.id(), fact(f), "llm: update of an immutable memory refused");
        } else if (TextSimilarity.score(memory.text(), action.text()) == 1.0) {
            decisionOfFact[f] = new Decision.None(memory.id(), fact(f), "llm: update without a change");
        } else {
            decisionOfFact[f] = new Decision.Update(memory.id(), action.text(), fact(f), "llm: richer information");
        }
    }

    private void none(MemoryAction action) {
        MemoryRecord memory = claim(action);
        if (memory == null) return;
        int f = bestUndecidedFact(action.text() == null ? memory.text() : action.text(), action.id().strip());
        if (f < 0) return; // the memory is unchanged and no fact is about it: nothing to record
        decisionOfFact[f] = new Decision.None(memory.id(), fact(f), "llm: already known");
    }

    private void delete(MemoryAction action) {
        MemoryRecord memory = claim(action);
        if (memory == null) return;
        if (memory.immutable()) {
            LOG.info("Refusing the model's DELETE of immutable memory {}", memory.id());
            return;
        }
        deletions.put(action.id().strip(), memory);
    }

    /** Turns the best matching ADD whose fact had the memory as candidate into a SUPERSEDE; else a plain DELETE. */
    private void resolveDeletion(String tempId, MemoryRecord memory, List<Decision> decisions) {
        int best = -1;
        double bestScore = -1;
        for (int f = 0; f < facts.size(); f++) {
            if (!(decisions.get(f) instanceof Decision.Add) || !ids.isCandidateOf(f, tempId)) continue;
            double s = TextSimilarity.score(fact(f).text(), memory.text());
            if (s > bestScore) {
                best = f;
                bestScore = s;
            }
        }
        if (best >= 0) {
            decisions.set(best, new Decision.Supersede(memory.id(), fact(best), "llm: contradicted by a new fact"));
        } else {
            decisions.add(new Decision.Delete(memory.id(), "llm: contradicted"));
        }
    }

    /** The memory an UPDATE/NONE/DELETE is about, if its id is one we gave and no earlier entry acted on it. */
    private MemoryRecord claim(MemoryAction action) {
        MemoryRecord memory = ids.memory(action.id());
        if (memory == null) {
            LOG.warn("Ignoring a {} with an id the model was not given: {}", action.event(), action.id());
            return null;
        }
        if (!decidedMemories.add(action.id().strip())) {
            LOG.info("Ignoring a second {} of memory {}", action.event(), memory.id());
            return null;
        }
        return memory;
    }

    /**
     * The undecided fact whose text best matches {@code text}; when {@code candidateOf} is given, only among the facts
     * that memory was a candidate of. -1 when there is none.
     */
    private int bestUndecidedFact(String text, String candidateOf) {
        int best = -1;
        double bestScore = -1;
        for (int f = 0; f < facts.size(); f++) {
            if (decisionOfFact[f] != null) continue;
            if (candidateOf != null && !ids.isCandidateOf(f, candidateOf)) continue;
            double s = TextSimilarity.score(text, fact(f).text());
            if (s > bestScore) {
                best = f;
                bestScore = s;
            }
        }
        return best;
    }

    private Fact fact(int f) {
        return facts.get(f).fact();
    }
}
