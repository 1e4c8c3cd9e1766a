package dev.engram.core.reconcile;

import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;

/**
 * The content tokens of a text for lexical comparison: lower-cased words without stop words, and CJK character
 * bigrams (Chinese has no spaces). Shared by the offline reconciler to tell a restatement from a new fact.
 */
public final class ContentTokens {

    private static final Set<String> STOP = Set.of(
            "a", "an", "the", "and", "or", "but", "to", "of", "in", "on", "at", "for", "with", "by", "from", "as", "is", "are",
            "was", "were", "be", "been", "am", "i", "i'm", "im", "me", "my", "mine", "we", "our", "you", "your", "he", "she",
            "his", "her", "they", "their", "it", "its", "this", "that", "these", "those", "user", "user's", "really", "very",
            "just", "so", "also", "too", "has", "have", "had", "do", "does", "did", "will", "would", "can", "could", "should",
            "there", "here", "now", "then", "about", "into", "over", "some", "any", "all", "not", "no", "yes", "s",
            // time adverbs: "still vegetarian" restates "vegetarian"
            "still", "again", "currently", "lately", "recently", "anymore", "already", "always", "usually", "totally",
            "course", "btw",
            // what the extractor writes around the subject ("User and others", "their", "them")
            "others", "them", "themselves", "theirs");

    /** Chinese time adverbs, removed before the bigrams are taken: "还是不吃辣" restates "不吃辣". */
    private static final java.util.regex.Pattern CJK_STOP_WORDS = java.util.regex.Pattern.compile(
            "还是|仍然|依然|仍旧|依旧|现在|目前|一直|已经|最近|照样|照旧");

    private static final Set<Character> CJK_STOP = Set.of('的', '了', '是', '我', '用', '户', '在', '也', '很', '都', '就', '和', '着', '过', '等');

    private ContentTokens() {
    }

    public static Set<String> of(String text) {
        Set<String> out = new LinkedHashSet<>();
        String lower = CJK_STOP_WORDS.matcher(text.toLowerCase(Locale.ROOT)).replaceAll(" ");
        StringBuilder word = new StringBuilder();
        StringBuilder cjk = new StringBuilder();
        for (int i = 0; i < lower.length(); ) {
            int cp = lower.codePointAt(i);
            i += Character.charCount(cp);
            if (Character.UnicodeScript.of(cp) == Character.UnicodeScript.HAN) {
                flushWord(word, out);
                if (!(cp < 0x10000 && CJK_STOP.contains((char) cp))) cjk.appendCodePoint(cp);
                else flushCjk(cjk, out);
            } else if (Character.isLetterOrDigit(cp) || cp == '\'') {
                flushCjk(cjk, out);
                word.appendCodePoint(cp);
            } else {
                flushWord(word, out);
                flushCjk(cjk, out);
            }
        }
        flushWord(word, out);
        flushCjk(cjk, out);
        return out;
    }

    /** Share of {@code a}'s tokens that are also in {@code b} (1 when {@code a} is empty). */
    /** Whether the two token sets share at least one token. */
    public static boolean overlap(Set<String> a, Set<String> b) {
        for (String t : a) if (b.contains(t)) return true;
        return false;
    }

    public static double containment(Set<String> a, Set<String> b) {
        if (a.isEmpty()) return 1.0;
        int hit = 0;
        for (String t : a) if (b.contains(t)) hit++;
        return (double) hit / a.size();
    }

    /** Text normalised for exact-duplicate detection: lower case, letters and digits only. */
    public static String normalized(String text) {
        StringBuilder sb = new StringBuilder();
        text.toLowerCase(Locale.ROOT).codePoints().filter(Character::isLetterOrDigit).forEach(sb::appendCodePoint);
        return sb.toString();
    }

    private static void flushWord(StringBuilder word, Set<String> out) {
        if (word.isEmpty()) return;
        String w = word.toString();
        if (w.endsWith("'s")) w = w.substring(0, w.length() - 2);
        if (!STOP.contains(w) && !w.isEmpty()) out.add(stem(w));
        word.setLength(0);
    }

    /** A light English stem so "likes"/"liked"/"liking" compare equal; enough for overlap, not linguistics. */
    static String stem(String w) {
        if (w.length() > 5 && w.endsWith("ing")) return w.substring(0, w.length() - 3);
        if (w.length() > 4 && w.endsWith("ed")) return w.substring(0, w.length() - 2);
        if (w.length() > 4 && w.endsWith("es")) return w.substring(0, w.length() - 2);
        if (w.length() > 3 && w.endsWith("s") && !w.endsWith("ss")) return w.substring(0, w.length() - 1);
        return w;
    }

    private static void flushCjk(StringBuilder cjk, Set<String> out) {
        if (cjk.isEmpty()) return;
        int[] cps = cjk.codePoints().toArray();
        if (cps.length == 1) out.add(new String(cps, 0, 1));
        for (int i = 0; i + 1 < cps.length; i++) out.add(new String(cps, i, 2));
        cjk.setLength(0);
    }
}
