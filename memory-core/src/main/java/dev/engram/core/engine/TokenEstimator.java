package dev.engram.core.engine;

/**
 * Estimates LLM tokens of a text without a tokenizer: CJK characters count one token each (BPE tokenizers spend about
 * one per character on Chinese), other text about one token per four characters (OpenAI's rule of thumb for English).
 * Used for {@code max_tokens} budgets and the context-token metrics; consistent rather than exact.
 */
public final class TokenEstimator {

    private TokenEstimator() {
    }

    public static int estimate(String text) {
        if (text == null || text.isEmpty()) return 0;
        int cjk = 0;
        int other = 0;
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            i += Character.charCount(cp);
            if (isCjk(cp)) cjk++;
            else other++;
        }
        return cjk + (other + 3) / 4;
    }

    static boolean isCjk(int cp) {
        Character.UnicodeScript s = Character.UnicodeScript.of(cp);
        return s == Character.UnicodeScript.HAN || s == Character.UnicodeScript.HIRAGANA
                || s == Character.UnicodeScript.KATAKANA || s == Character.UnicodeScript.HANGUL;
    }
}
