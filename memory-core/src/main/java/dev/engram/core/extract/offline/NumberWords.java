package dev.engram.core.extract.offline;

import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/** Reads counts written as digits, English words ("two", "a couple of") or Chinese numerals (三, 两, 十二, 二十五). */
final class NumberWords {

    /** Regex alternatives for an English count, for embedding in larger patterns. */
    static final String EN_COUNT = "\\d{1,3}|an?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|"
        + "fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|a couple of|couple of";

    /** Regex character class run for a Chinese count. */
    static final String ZH_COUNT = "\\d{1,3}|[零一二两三四五六七八九十百]+";

    private static final Map<String, Integer> EN = Map.ofEntries(
        Map.entry("a", 1), Map.entry("an", 1), Map.entry("one", 1), Map.entry("two", 2), Map.entry("three", 3),
        Map.entry("four", 4), Map.entry("five", 5), Map.entry("six", 6), Map.entry("seven", 7), Map.entry("eight", 8),
        Map.entry("nine", 9), Map.entry("ten", 10), Map.entry("eleven", 11), Map.entry("twelve", 12),
        Map.entry("thirteen", 13), Map.entry("fourteen", 14), Map.entry("fifteen", 15), Map.entry("sixteen", 16),
        Map.entry("seventeen", 17), Map.entry("eighteen", 18), Map.entry("nineteen", 19), Map.entry("twenty", 20),
        Map.entry("thirty", 30), Map.entry("forty", 40), Map.entry("fifty", 50), Map.entry("a couple of", 2),
        Map.entry("couple of", 2));

    private static final String ZH_DIGITS = "零一二三四五六七八九";

    private static final Pattern WHITESPACE = Pattern.compile("\\s+");

    private NumberWords() {
    }

    static int english(String word) {
        String w = WHITESPACE.matcher(word.toLowerCase(Locale.ROOT).strip()).replaceAll(" ");
        if (w.chars().allMatch(Character::isDigit)) return Integer.parseInt(w);
        Integer n = EN.get(w);
        if (n == null) throw new IllegalArgumentException("Not a count: " + word);
        return n;
    }

    /** Chinese numerals up to 999: 三 → 3, 十 → 10, 十二 → 12, 二十 → 20, 二十五 → 25, 一百零五 → 105; digits too. */
    static int chinese(String text) {
        if (text.chars().allMatch(Character::isDigit)) return Integer.parseInt(text);
        int total = 0;
        int current = 0;
        for (char c : text.replace('两', '二').toCharArray()) {
            int digit = ZH_DIGITS.indexOf(c);
            if (digit >= 0) {
                current = digit;
            } else if (c == '十') {
                total += (current == 0 ? 1 : current) * 10;
                current = 0;
            } else if (c == '百') {
                total += (current == 0 ? 1 : current) * 100;
                current = 0;
            } else {
                throw new IllegalArgumentException("Not a Chinese numeral: " + text);
            }
        }
        return total + current;
    }
}
