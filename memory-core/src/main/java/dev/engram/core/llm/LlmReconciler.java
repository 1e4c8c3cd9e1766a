package dev.engram.core.llm;

import dev.engram.core.domain.TokenUsage;
import dev.engram.core.reconcile.Decision;
import dev.engram.core.reconcile.FactCandidates;
import dev.engram.core.reconcile.Reconciler;
import dev.engram.core.reconcile.Reconciliation;
import dev.langchain4j.model.chat.ChatModel;

import java.util.List;
import java.util.Objects;

/**
 * Mem0's phase 2 (memory update decision) on a LangChain4j {@link ChatModel}. Existing memories are shown under
 * temporary ids, the reply is mapped back by {@link DecisionMapper}. At most two model calls; when the model fails or
 * keeps answering badly, the {@code fallback} reconciler (the offline one) decides, with the LLM calls already spent
 * added to its usage. Without any existing candidate there is nothing to decide and no call is made: every fact is added.
 */
public final class LlmReconciler implements Reconciler {

    private final JsonChat chat;
    private final Reconciler fallback;

    public LlmReconciler(ChatModel model, Reconciler fallback) {
        this.chat = new JsonChat(Objects.requireNonNull(model, "model"));
        this.fallback = Objects.requireNonNull(fallback, "fallback");
    }

    @Override
    public Reconciliation reconcile(List<FactCandidates> facts) {
        if (facts.isEmpty()) return new Reconciliation(List.of(), TokenUsage.NONE);
        TemporaryIds ids = new TemporaryIds(facts);
        if (ids.isEmpty()) {
            List<Decision> adds = facts.stream()
                    .<Decision>map(fc -> new Decision.Add(fc.fact(), "no similar memory"))
                    .toList();
            return new Reconciliation(adds, TokenUsage.NONE);
        }
        JsonChat.Outcome<List<MemoryAction>> outcome = chat.ask("reconciliation", ReconciliationPrompt.build(facts, ids),
                ReconciliationPrompt.EXPECTED_FORM, new MemoryActionReader());
        if (outcome.value().isPresent()) {
            return new Reconciliation(new DecisionMapper(facts, ids).map(outcome.value().get()), outcome.usage());
        }
        Reconciliation offline = fallback.reconcile(facts);
        return new Reconciliation(offline.decisions(), outcome.usage().plus(offline.usage()));
    }

    /** The fallback, which calls no model. */
    @Override
    public Reconciler offline() {
        return fallback.offline();
    }
}
