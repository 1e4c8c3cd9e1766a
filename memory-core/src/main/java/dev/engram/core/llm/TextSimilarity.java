package dev.engram.core.llm;

import java.text.Normalizer;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Dice coefficient over character bigrams of the normalized texts (lower case, accents and punctuation removed). Works
 * for any script, with or without spaces; used to link the texts a model returns back to the facts they came from.
 */
final class TextSimilarity {

    private TextSimilarity() {
    }

    /** 1 for equal texts (after normalization), 0 for texts with no bigram in common. */
    static double score(String a, String b) {
        String x = normalize(a);
        String y = normalize(b);
        if (x.isEmpty() || y.isEmpty()) return 0;
        if (x.equals(y)) return 1;
        Map<String, Integer> bx = bigrams(x);
        Map<String, Integer> by = bigrams(y);
        int shared = 0;
        for (Map.Entry<String, Integer> e : bx.entrySet()) shared += Math.min(e.getValue(), by.getOrDefault(e.getKey(), 0));
        int total = bx.values().stream().mapToInt(Integer::intValue).sum() + by.values().stream().mapToInt(Integer::intValue).sum();
        return 2.0 * shared / total;
    }

    private static Map<String, Integer> bigrams(String s) {
        Map<String, Integer> counts = new HashMap<>();
        if (s.length() == 1) counts.put(s, 1);
        for (int i = 0; i + 1 < s.length(); i++) counts.merge(s.substring(i, i + 2), 1, Integer::sum);
        return counts;
    }

    private static String normalize(String s) {
        if (s == null) return "";
        String t = Normalizer.normalize(s, Normalizer.Form.NFKD).replaceAll("\\p{M}+", "");
        return t.toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{N}]+", " ").strip();
    }
}
