package dev.engram.core.engine;

import dev.engram.core.domain.CleanText;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The second stage of search ({@code rerank: true}): re-scores the first stage's best results with what the index cannot
 * compute, reading each candidate's whole text at query time: how much of the question it holds (content words weighed
 * by their rarity among the candidates, without BM25's length penalty), whether the question's word pairs stand near
 * each other in it, and, when {@link RerankSettings#windowWeight()} is set, the best cosine between the question and the
 * windows of its text the index never embedded (a long message's tail, an assistant message at all). Offline and
 * in-process: no model beyond the engine's own embedder.
 */
final class Reranker {

    /**
     * A first-stage result as the second stage sees it.
     *
     * @param text           the candidate's whole text (a message's, beyond the excerpt shown, and its fact's)
     * @param score          its first-stage score (0..1)
     * @param cosine         the best cosine its index vectors had with the question
     * @param windowed       true when the index's vector does not cover all of {@code text}: its windows are embedded
     * @param session        the conversation it was said in (its add's event), or null
     * @param role           who said it ({@code user}, {@code assistant}, …), or null
     */
    record Candidate(String text, double score, double cosine, boolean windowed, String session, String role) {
    }

    /** Word pairs of the question count as near when at most this many content words apart in the text. */
    private static final int NEAR = 3;

    private final RerankSettings settings;
    private final Embedder embedder;

    Reranker(RerankSettings settings, Embedder embedder) {
        this.settings = settings;
        this.embedder = embedder;
    }

    int depth() {
        return settings.depth();
    }

    /** The candidates' second-stage scores, in their order; sorting by them descending gives the second stage's order. */
    double[] rescore(String query, float[] queryVector, List<Candidate> candidates) {
        int n = candidates.size();
        double[] coverage = new double[n], near = new double[n];
        if (settings.coverageWeight() > 0 || settings.phraseWeight() > 0) { // only then are the texts read word by word
            List<String> asked = terms(query);
            List<List<String>> texts = new ArrayList<>(n);
            for (Candidate c : candidates) texts.add(terms(c.text()));
            coverage = coverage(asked, texts);
            near = nearPairs(asked, texts);
        }
        double[] window = settings.windowWeight() > 0 ? windowCosines(queryVector, candidates) : new double[n];
        String speaker = asksAboutAssistant(query) ? "assistant" : "user";
        double[] out = new double[n];
        for (int i = 0; i < n; i++) {
            double role = speaker.equals(candidates.get(i).role()) ? 1 : 0;
            out[i] = settings.firstStageWeight() * candidates.get(i).score() + settings.coverageWeight() * coverage[i]
                    + settings.phraseWeight() * near[i] + settings.windowWeight() * window[i] + settings.roleWeight() * role;
        }
        return settings.sessionPenalty() > 0 ? spread(out, candidates) : out;
    }

    /**
     * Places the results greedily, each time the best after subtracting the penalty once per result already placed from
     * its session; a result's score becomes the one it was placed with (so they still descend in the new order).
     */
    private double[] spread(double[] scores, List<Candidate> candidates) {
        int n = scores.length;
        double[] out = new double[n];
        boolean[] placed = new boolean[n];
        Map<String, Integer> taken = new HashMap<>();
        for (int step = 0; step < n; step++) {
            int best = -1;
            double bestScore = 0;
            for (int i = 0; i < n; i++) {
                if (placed[i]) continue;
                String s = candidates.get(i).session();
                double v = scores[i] - settings.sessionPenalty() * (s == null ? 0 : taken.getOrDefault(s, 0));
                if (best < 0 || v > bestScore) {
                    best = i;
                    bestScore = v;
                }
            }
            placed[best] = true;
            out[best] = bestScore;
            String s = candidates.get(best).session();
            if (s != null) taken.merge(s, 1, Integer::sum);
        }
        return out;
    }

    /**
     * True when the question asks what the assistant said: "you" doing something a speaker does ("you recommended",
     * "you told me", "the recipe you gave", "what did you suggest"), or "your" advice; requests such as "can you tell me" do not count.
     */
    static boolean asksAboutAssistant(String question) {
        return ASKS_ASSISTANT.matcher(question).find();
    }

    private static final java.util.regex.Pattern ASKS_ASSISTANT = java.util.regex.Pattern.compile(
            "\\byou\\s+(?:\\w+\\s+)?(?:said|told|gave|wrote|came up with|helped|mentioned|recommended|suggested|provided|listed|explained"
                    + "|shared|proposed|described|offered|compiled|created|generated)\\b"
                    + "|\\b(?:did|have|had)\\s+you\\s+(?:\\w+\\s+)?(?:say|tell|give|write|come up with|help|mention|recommend|suggest|provide|list"
                    + "|explain|share|propose|describe|offer|compile|create|generate)\\b"
                    + "|\\byour\\s+(?:recommendation|suggestion|advice|answer|response|list|tip|idea)s?\\b"
                    + "|你(?:说过|提到|推荐|建议|告诉)",
            java.util.regex.Pattern.CASE_INSENSITIVE | java.util.regex.Pattern.UNICODE_CASE);

    /** Share of the question's content words in each text, each word weighed by its BM25 idf among the candidates. */
    static double[] coverage(List<String> asked, List<List<String>> texts) {
        int n = texts.size();
        double[] out = new double[n];
        List<Set<String>> sets = new ArrayList<>(n);
        for (List<String> t : texts) sets.add(Set.copyOf(t));
        Map<String, Double> idf = new HashMap<>();
        double total = 0;
        for (String q : new LinkedHashSet<>(asked)) {
            int df = 0;
            for (Set<String> s : sets) if (s.contains(q)) df++;
            if (df == 0) continue; // no candidate holds it: it tells none apart
            double w = Math.log(1 + (n - df + 0.5) / (df + 0.5));
            idf.put(q, w);
            total += w;
        }
        if (total == 0) return out;
        for (int i = 0; i < n; i++) {
            double held = 0;
            for (Map.Entry<String, Double> e : idf.entrySet()) if (sets.get(i).contains(e.getKey())) held += e.getValue();
            out[i] = held / total;
        }
        return out;
    }

    /** Share of the question's adjacent content-word pairs that stand near each other (either order) in each text. */
    static double[] nearPairs(List<String> asked, List<List<String>> texts) {
        double[] out = new double[texts.size()];
        Set<List<String>> pairs = new LinkedHashSet<>();
        for (int i = 0; i + 1 < asked.size(); i++) {
            if (!asked.get(i).equals(asked.get(i + 1))) pairs.add(List.of(asked.get(i), asked.get(i + 1)));
        }
        if (pairs.isEmpty()) return out;
        for (int t = 0; t < texts.size(); t++) {
            Map<String, List<Integer>> at = new HashMap<>();
            List<String> words = texts.get(t);
            for (int i = 0; i < words.size(); i++) at.computeIfAbsent(words.get(i), w -> new ArrayList<>()).add(i);
            int found = 0;
            for (List<String> p : pairs) if (near(at.get(p.get(0)), at.get(p.get(1)))) found++;
            out[t] = (double) found / pairs.size();
        }
        return out;
    }

    private static boolean near(List<Integer> a, List<Integer> b) {
        if (a == null || b == null) return false;
        int i = 0, j = 0;
        while (i < a.size() && j < b.size()) { // both ascending: walk them together
            int d = a.get(i) - b.get(j);
            if (Math.abs(d) <= NEAR) return true;
            if (d < 0) i++;
            else j++;
        }
        return false;
    }

    /** Each candidate's best cosine over its windows and its index vectors, min-max scaled over the candidates. */
    private double[] windowCosines(float[] queryVector, List<Candidate> candidates) {
        int n = candidates.size();
        double[] best = new double[n];
        List<String> windows = new ArrayList<>();
        List<Integer> owner = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            best[i] = candidates.get(i).cosine();
            if (!candidates.get(i).windowed()) continue;
            for (String w : windows(candidates.get(i).text(), settings.windowChars(), settings.maxWindows())) {
                windows.add(w);
                owner.add(i);
            }
        }
        List<float[]> vectors = embedder.embedAll(windows);
        for (int k = 0; k < vectors.size(); k++) {
            int i = owner.get(k);
            best[i] = Math.max(best[i], Embedder.cosine(queryVector, vectors.get(k)));
        }
        double min = Double.MAX_VALUE, max = -Double.MAX_VALUE;
        for (double b : best) {
            min = Math.min(min, b);
            max = Math.max(max, b);
        }
        double[] out = new double[n];
        for (int i = 0; i < n; i++) out[i] = max > min ? (best[i] - min) / (max - min) : 1;
        return out;
    }

    /** Consecutive windows of at most {@code chars} characters, cut at a space when one is near, at most {@code max}. */
    static List<String> windows(String text, int chars, int max) {
        List<String> out = new ArrayList<>();
        int from = 0;
        while (from < text.length() && out.size() < max) {
            int end = Math.min(text.length(), from + chars);
            if (end < text.length()) {
                int space = text.lastIndexOf(' ', end);
                if (space > from + chars * 3 / 4) end = space;
                if (Character.isLowSurrogate(text.charAt(end))) end--;
            }
            String w = text.substring(from, end).strip();
            if (!CleanText.isBlank(w)) out.add(w);
            from = end;
        }
        return out;
    }

    /**
     * A text's content words in order: lower-cased, lightly stemmed Latin words without function words or question
     * frames, and overlapping character pairs of CJK text (which has no spaces).
     */
    static List<String> terms(String text) {
        List<String> out = new ArrayList<>();
        String lower = text.toLowerCase(Locale.ROOT).replace('’', '\'');
        StringBuilder word = new StringBuilder();
        int previousHan = -1;
        for (int i = 0; i < lower.length(); ) {
            int cp = lower.codePointAt(i);
            i += Character.charCount(cp);
            if (Character.UnicodeScript.of(cp) == Character.UnicodeScript.HAN) {
                flush(word, out);
                if (previousHan >= 0) out.add(new String(Character.toChars(previousHan)) + new String(Character.toChars(cp)));
                previousHan = cp;
            } else {
                previousHan = -1;
                if (Character.isLetterOrDigit(cp) || (cp == '\'' && !word.isEmpty())) word.appendCodePoint(cp);
                else flush(word, out);
            }
        }
        flush(word, out);
        return out;
    }

    private static void flush(StringBuilder word, List<String> out) {
        if (word.isEmpty()) return;
        String w = word.toString();
        word.setLength(0);
        int apostrophe = w.indexOf('\'');
        if (apostrophe >= 0) w = w.substring(0, apostrophe);
        if (w.isEmpty() || KeywordQuery.isFrameWord(w)) return;
        out.add(stem(w));
    }

    /** A light English stemmer: plural and -ing/-ed endings ("recipes" and "recipe", "painting" and "paint" meet). */
    static String stem(String w) {
        if (w.length() <= 3 || !w.chars().allMatch(c -> c >= 'a' && c <= 'z')) return w;
        if (w.endsWith("ies") && w.length() > 4) return w.substring(0, w.length() - 3) + "y";
        if (w.endsWith("sses")) return w.substring(0, w.length() - 2);
        if (w.endsWith("s") && !w.endsWith("ss") && !w.endsWith("us") && !w.endsWith("is")) w = w.substring(0, w.length() - 1);
        if (w.endsWith("ing") && w.length() > 5) w = undouble(w.substring(0, w.length() - 3));
        else if (w.endsWith("ed") && w.length() > 4) w = undouble(w.substring(0, w.length() - 2));
        if (w.endsWith("e") && w.length() > 3) w = w.substring(0, w.length() - 1); // "recipe", "hike": one form with and without -e
        return w;
    }

    private static String undouble(String w) {
        int n = w.length();
        if (n >= 2 && w.charAt(n - 1) == w.charAt(n - 2) && "lsz".indexOf(w.charAt(n - 1)) < 0) return w.substring(0, n - 1);
        return w;
    }
}
