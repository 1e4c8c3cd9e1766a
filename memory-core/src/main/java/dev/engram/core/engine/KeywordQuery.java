package dev.engram.core.engine;

import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The text the keyword (BM25) side searches for: the query without English function words and the frame of a
 * question ("what did I say about", "can you remind me"), which match every message and only add noise. The semantic
 * side embeds the whole query. CJK text passes through unchanged (the index analyzer's bigrams handle it).
 */
public final class KeywordQuery {

    private static final Set<String> FRAME = Set.of(
            "a", "an", "the", "and", "or", "but", "of", "to", "in", "on", "at", "for", "from", "with", "by", "about", "as", "into",
            "is", "are", "was", "were", "be", "been", "being", "am", "do", "does", "did", "done", "have", "has", "had", "having",
            "will", "would", "shall", "should", "can", "could", "may", "might", "must",
            "i", "me", "my", "mine", "myself", "we", "us", "our", "you", "your", "yours", "it", "its", "this", "that", "these", "those",
            "what", "which", "who", "whom", "whose", "when", "where", "why", "how",
            "there", "here", "then", "than", "so", "if", "not", "no", "any", "some", "all", "just", "also", "very", "too",
            "remind", "remember", "recall", "tell", "told", "say", "said", "mention", "mentioned", "talk", "talked", "discuss",
            "discussed", "again", "previous", "previously", "earlier", "conversation", "chat", "please", "know");

    private static final Pattern WORD = Pattern.compile("[\\p{L}\\p{N}][\\p{L}\\p{N}'’]*");

    private KeywordQuery() {
    }

    /** The query's content words joined by spaces, or the query itself when nothing would be left. */
    public static String of(String query) {
        StringBuilder out = new StringBuilder();
        Matcher m = WORD.matcher(query);
        while (m.find()) {
            String w = m.group();
            String lower = w.toLowerCase(Locale.ROOT).replace('’', '\'');
            int apostrophe = lower.indexOf('\'');
            String base = apostrophe > 0 ? lower.substring(0, apostrophe) : lower;
            if (FRAME.contains(base) && isLatin(base)) continue;
            if (!out.isEmpty()) out.append(' ');
            out.append(w);
        }
        return out.isEmpty() ? query : out.toString();
    }

    /** Whether a lower-cased word is an English function word or question frame (the words this query leaves out). */
    static boolean isFrameWord(String lower) {
        return FRAME.contains(lower);
    }

    private static boolean isLatin(String w) {
        return w.chars().allMatch(c -> c < 0x250);
    }
}
