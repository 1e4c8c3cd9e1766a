package dev.engram.core.extract.offline;

/** The two languages the offline extractor understands; a sentence with any CJK ideograph is treated as Chinese. */
enum Language {
    EN, ZH;

    static Language of(String text) {
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            if (Character.UnicodeScript.of(cp) == Character.UnicodeScript.HAN) return ZH;
            i += Character.charCount(cp);
        }
        return EN;
    }
}
