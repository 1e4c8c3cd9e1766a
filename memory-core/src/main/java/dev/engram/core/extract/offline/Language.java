package dev.engram.core.extract.offline;

/**
 * The two languages the offline extractor understands. Code-switched text ("上周六 I ran a 10K", "I'm Lukas, 在台大交换")
 * is read in the language that carries most of it: Chinese when its ideographs are at least as many as the Latin
 * words, English otherwise. Text with no Latin word and any ideograph is Chinese.
 */
enum Language {
    EN, ZH;

    static Language of(String text) {
        int han = 0;
        int latinWords = 0;
        boolean inWord = false;
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            i += Character.charCount(cp);
            if (Character.UnicodeScript.of(cp) == Character.UnicodeScript.HAN) {
                han++;
                inWord = false;
            } else if (Character.isLetter(cp) && Character.UnicodeScript.of(cp) == Character.UnicodeScript.LATIN) {
                if (!inWord) latinWords++;
                inWord = true;
            } else if (cp != '\'' && cp != '’') {
                inWord = false;
            }
        }
        return han > 0 && han >= latinWords ? ZH : EN;
    }
}
