package dev.engram.core.domain;

import dev.engram.core.error.ValidationException;

import java.text.Normalizer;

/**
 * The one normalisation of client text, applied before anything checks or embeds it: Unicode NFC; control and format
 * characters dropped (except line feed and tab; a carriage return becomes a line feed; zero-width joiners stay inside
 * words for emoji and scripts that need them); Unicode spaces become {@code ' '}; lone surrogates dropped. Text that is
 * empty once this is done is blank ({@link #isBlank}), so the embedder never sees it.
 */
public final class CleanText {

    private static final int ZWNJ = 0x200C;
    private static final int ZWJ = 0x200D;

    private CleanText() {
    }

    /** The normalised text; null stays null. Not stripped: leading and trailing spaces are the caller's choice. */
    public static String clean(String raw) {
        if (raw == null) return null;
        if (raw.indexOf('\r') >= 0) raw = raw.replace("\r\n", "\n");
        String s = Normalizer.isNormalized(raw, Normalizer.Form.NFC) ? raw : Normalizer.normalize(dropLoneSurrogates(raw), Normalizer.Form.NFC);
        StringBuilder out = null;
        for (int i = 0; i < s.length(); ) {
            int cp = s.codePointAt(i);
            int n = Character.charCount(cp);
            int replacement = map(cp);
            if (replacement != cp && out == null) out = new StringBuilder(s.length()).append(s, 0, i);
            if (out != null && replacement >= 0) out.appendCodePoint(replacement);
            i += n;
        }
        return out == null ? s : out.toString();
    }

    /** True when the text is null or holds nothing visible once cleaned. */
    public static boolean isBlank(String raw) {
        String s = clean(raw);
        if (s == null) return true;
        for (int i = 0; i < s.length(); ) {
            int cp = s.codePointAt(i);
            if (!Character.isWhitespace(cp) && cp != ZWJ && cp != ZWNJ) return false;
            i += Character.charCount(cp);
        }
        return true;
    }

    /** The cleaned, stripped text; a {@link ValidationException} naming {@code field} when it is missing or blank. */
    public static String required(String raw, String field) {
        if (raw == null) throw new ValidationException(field + " is required");
        if (isBlank(raw)) {
            throw new ValidationException(field + " must not be empty (it holds no visible characters once invisible ones are removed)");
        }
        return clean(raw).strip();
    }

    /** -1 to drop the code point, else what it becomes. */
    private static int map(int cp) {
        if (cp == '\n' || cp == '\t') return cp;
        if (cp == '\r') return '\n';
        if (cp >= Character.MIN_SURROGATE && cp <= Character.MAX_SURROGATE) return -1; // lone surrogate
        if (cp == ZWJ || cp == ZWNJ) return cp;
        return switch (Character.getType(cp)) {
            case Character.CONTROL, Character.FORMAT -> -1;
            case Character.SPACE_SEPARATOR -> ' ';
            case Character.LINE_SEPARATOR, Character.PARAGRAPH_SEPARATOR -> '\n';
            default -> cp;
        };
    }

    private static String dropLoneSurrogates(String s) {
        StringBuilder out = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); ) {
            int cp = s.codePointAt(i);
            if (cp < Character.MIN_SURROGATE || cp > Character.MAX_SURROGATE) out.appendCodePoint(cp);
            i += Character.charCount(cp);
        }
        return out.toString();
    }
}
