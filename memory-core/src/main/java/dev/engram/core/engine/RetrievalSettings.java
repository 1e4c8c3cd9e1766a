package dev.engram.core.engine;

/**
 * How search finds and ranks memories. Defaults chosen on the LongMemEval_S development set ({@code ./engram quality
 * --set longmemeval}, docs/quality.md); nothing here was tuned on any other benchmark.
 *
 * @param keepEvidence        store each message of an inferred add as retrievable evidence beside the facts drawn from it
 * @param evidenceEmbedChars  characters of a user message's evidence embedded (its head); the keyword side indexes all of it
 * @param assistantEmbedChars characters of an assistant message's evidence embedded (its head)
 * @param evidenceFromFacts   an evidence message that a fact was drawn from in the same add takes that fact's vector
 *                            instead of being embedded itself (its keyword side still indexes all of it)
 * @param assistantFromUser   an assistant message's evidence takes the vector of the user message before it in the same
 *                            add (the question it answers) instead of being embedded itself; its keyword side still
 *                            indexes all of it; on by default (LongMemEval_S, 48 questions: S@10 98.2 unchanged, T@10
 *                            91.7 → 89.6, and about 2.5× the cold replay rate, docs/quality.md)
 * @param evidenceSnippetChars characters of an evidence message returned as a result's text (the best matching window)
 * @param candidates          candidates fetched from the index per side (facts, evidence) before fusion
 * @param vectorShare         weight of the scaled cosine in the convex fusion (the rest goes to scaled BM25); a negative
 *                            value switches to reciprocal rank fusion
 * @param rankConstant        k of reciprocal rank fusion
 * @param evidenceWeight      multiplier of an evidence message's fused score against a fact's
 * @param timeWeight          share of the time match in a candidate's score when the question names a time ("last week",
 *                            resolved against the search's reference time): score = (1 - w) × fused + w × match, where
 *                            match is 1 inside the window, 0.5 within one window length after it (things are told after they
 *                            happen), else 0; 0 (the default: 0.1 and 0.2 lowered recall@5 on LongMemEval_S, whose
 *                            session dates do not follow the conversations' own time) turns time matching off
 * @param recencyWeight       share of recency in a candidate's score: score = (1 - w) × score + w × r, where r is the
 *                            candidate's time (event time, else when it was said) scaled to 0..1 between the oldest and the
 *                            newest candidate, so of two memories that match a question alike the newer (the current value)
 *                            ranks first; 0 (the default: 0.05 and 0.1 lowered recall on LongMemEval_S) turns it off
 * @param rerank              the second stage a search runs when it asks for one ({@code rerank: true})
 */
public record RetrievalSettings(
        boolean keepEvidence,
        int evidenceEmbedChars,
        int assistantEmbedChars,
        boolean evidenceFromFacts,
        boolean assistantFromUser,
        int evidenceSnippetChars,
        int candidates,
        double vectorShare,
        int rankConstant,
        double evidenceWeight,
        double timeWeight,
        double recencyWeight,
        RerankSettings rerank) {

    public static RetrievalSettings defaults() {
        return new RetrievalSettings(true, 512, 512, false, true, 480, 50, 0.5, 60, 1.0, 0, 0, RerankSettings.defaults());
    }

    public RetrievalSettings withKeepEvidence(boolean on) {
        return new RetrievalSettings(on, evidenceEmbedChars, assistantEmbedChars, evidenceFromFacts, assistantFromUser, evidenceSnippetChars, candidates, vectorShare, rankConstant, evidenceWeight, timeWeight, recencyWeight, rerank);
    }

    public RetrievalSettings withVectorShare(double share) {
        return new RetrievalSettings(keepEvidence, evidenceEmbedChars, assistantEmbedChars, evidenceFromFacts, assistantFromUser, evidenceSnippetChars, candidates, share, rankConstant, evidenceWeight, timeWeight, recencyWeight, rerank);
    }

    public RetrievalSettings withEvidenceWeight(double weight) {
        return new RetrievalSettings(keepEvidence, evidenceEmbedChars, assistantEmbedChars, evidenceFromFacts, assistantFromUser, evidenceSnippetChars, candidates, vectorShare, rankConstant, weight, timeWeight, recencyWeight, rerank);
    }

    public RetrievalSettings withSnippetChars(int chars) {
        return new RetrievalSettings(keepEvidence, evidenceEmbedChars, assistantEmbedChars, evidenceFromFacts, assistantFromUser, chars, candidates, vectorShare, rankConstant, evidenceWeight, timeWeight, recencyWeight, rerank);
    }

    public RetrievalSettings withTimeWeight(double weight) {
        return new RetrievalSettings(keepEvidence, evidenceEmbedChars, assistantEmbedChars, evidenceFromFacts, assistantFromUser, evidenceSnippetChars, candidates, vectorShare, rankConstant, evidenceWeight, weight, recencyWeight, rerank);
    }

    public RetrievalSettings withRecencyWeight(double weight) {
        return new RetrievalSettings(keepEvidence, evidenceEmbedChars, assistantEmbedChars, evidenceFromFacts, assistantFromUser, evidenceSnippetChars, candidates, vectorShare, rankConstant, evidenceWeight,
                timeWeight, weight, rerank);
    }

    /** Heads of {@code userChars} characters embedded for user messages' evidence, {@code assistantChars} for the assistant's. */
    public RetrievalSettings withEvidenceEmbedChars(int userChars, int assistantChars) {
        return new RetrievalSettings(keepEvidence, userChars, assistantChars, evidenceFromFacts, assistantFromUser, evidenceSnippetChars, candidates, vectorShare,
                rankConstant, evidenceWeight, timeWeight, recencyWeight, rerank);
    }

    public RetrievalSettings withEvidenceFromFacts(boolean on) {
        return new RetrievalSettings(keepEvidence, evidenceEmbedChars, assistantEmbedChars, on, assistantFromUser, evidenceSnippetChars, candidates, vectorShare,
                rankConstant, evidenceWeight, timeWeight, recencyWeight, rerank);
    }

    public RetrievalSettings withAssistantFromUser(boolean on) {
        return new RetrievalSettings(keepEvidence, evidenceEmbedChars, assistantEmbedChars, evidenceFromFacts, on, evidenceSnippetChars, candidates,
                vectorShare, rankConstant, evidenceWeight, timeWeight, recencyWeight, rerank);
    }

    public RetrievalSettings withRerank(RerankSettings second) {
        return new RetrievalSettings(keepEvidence, evidenceEmbedChars, assistantEmbedChars, evidenceFromFacts, assistantFromUser, evidenceSnippetChars, candidates,
                vectorShare, rankConstant, evidenceWeight, timeWeight, recencyWeight, second);
    }

    /** Characters of an evidence message of {@code role} that are embedded. */
    public int embedChars(String role) {
        return "assistant".equals(role) ? assistantEmbedChars : evidenceEmbedChars;
    }
}
