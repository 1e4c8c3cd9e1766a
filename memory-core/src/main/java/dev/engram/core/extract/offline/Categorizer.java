package dev.engram.core.extract.offline;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * Assigns a fact to categories of the request: a known default category (Mem0's 15) scores by its keyword lexicon, any
 * category also scores by the words its name and description share with the fact (English words, or two-character
 * Chinese sequences). The best three categories with a positive score win; {@code misc} is used when none fits and
 * {@code misc} is among the request's categories.
 */
final class Categorizer {

    private static final int MAX_CATEGORIES = 3;

    private static final Set<String> STOPWORDS = Set.of(
        "the", "and", "for", "with", "about", "user", "users", "user's", "their", "them", "they", "that", "this", "from",
        "into", "like", "such", "other", "others", "any", "all", "information", "info", "details", "detail", "data",
        "related", "things", "stuff", "facts", "fact", "includes", "including", "etc", "are", "was", "has", "have",
        "his", "her", "its", "our", "your", "you", "what", "which", "who", "how", "when", "where", "personal", "general",
        "also", "some", "more", "most", "not", "but", "than", "then", "there", "these", "those", "memories", "memory",
        "misc", "miscellaneous", "category", "categories", "anything", "else", "everything");

    private static final Set<String> ZH_STOP_BIGRAMS = Set.of("用户", "相关", "信息", "有关", "内容", "包括", "其他", "以及", "方面", "一些");

    private static final Pattern NOT_WORD = Pattern.compile("[^a-z0-9']+");

    private static final Map<String, List<Keyword>> LEXICON = compileLexicon();
    /** Bound on {@link #descriptions}: the default categories and a few custom sets fit; beyond it the cache starts over. */
    private static final int MAX_DESCRIPTIONS = 1024;

    /** The words and bigrams of each category's name and description seen so far (requests mostly repeat the defaults). */
    private final Map<String, Words> descriptions = new ConcurrentHashMap<>();

    /** The English words and Chinese bigrams of a text, as {@link #englishWords} and {@link #chineseBigrams} give them. */
    private record Words(Set<String> english, Set<String> bigrams) {
    }

    /**
     * A lexicon keyword. A Chinese one matches as a substring ({@code pattern} null). An English one matches by
     * {@code pattern} (whole word, endings), and only where the text, with ASCII letters lower-cased, contains
     * {@code needle} (the keyword folded the same way): the patterns fold ASCII case only ({@code CASE_INSENSITIVE}
     * without {@code UNICODE_CASE}), so that test never rejects a text the pattern would match. It spares running
     * hundreds of patterns on a text that holds none of their keywords.
     */
    private record Keyword(String needle, Pattern pattern) {
        boolean foundIn(String text, String folded) {
            return pattern == null ? text.contains(needle) : folded.contains(needle) && pattern.matcher(text).find();
        }
    }

    List<String> categorize(String text, String slot, Map<String, String> categories) {
        if (categories.isEmpty()) return List.of();
        String lower = text.toLowerCase(Locale.ROOT);
        String folded = foldAscii(text);
        Set<String> words = englishWords(lower);
        Set<String> bigrams = chineseBigrams(text);
        Map<String, Integer> scores = new LinkedHashMap<>();
        for (Map.Entry<String, String> category : categories.entrySet()) {
            String name = category.getKey();
            int score = lexiconScore(name, text, folded) + slotScore(name, slot)
                + overlap(name + " " + (category.getValue() == null ? "" : category.getValue()), words, bigrams);
            if (score > 0 && !name.equalsIgnoreCase(CategoryLexicon.MISC)) scores.put(name, score);
        }
        List<String> chosen = new ArrayList<>(scores.keySet());
        chosen.sort(Comparator.comparingInt((String n) -> scores.get(n)).reversed());
        if (chosen.size() > MAX_CATEGORIES) chosen = new ArrayList<>(chosen.subList(0, MAX_CATEGORIES));
        if (chosen.isEmpty()) {
            for (String name : categories.keySet()) {
                if (name.equalsIgnoreCase(CategoryLexicon.MISC)) return List.of(name);
            }
        }
        return chosen;
    }

    /**
     * Whether a custom-instruction topic names {@code category} as a whole: its name or a part of it ("health",
     * "professional"), or one of the default category's {@link CategoryLexicon#LABELS} ("medical", "饮食").
     */
    static boolean categoryNamed(String category, String keyword) {
        String c = category.toLowerCase(Locale.ROOT);
        String k = keyword.toLowerCase(Locale.ROOT);
        if (c.equals(k) || List.of(c.split("[_\\s-]+")).contains(k)) return true;
        return CategoryLexicon.LABELS.getOrDefault(c, List.of()).contains(k);
    }

    /** How many of the category's lexicon keywords the text holds (0 for a category without a lexicon). */
    static int lexiconScore(String category, String text) {
        return lexiconScore(category, text, foldAscii(text));
    }

    private static int lexiconScore(String category, String text, String folded) {
        List<Keyword> keywords = LEXICON.get(category.toLowerCase(Locale.ROOT));
        if (keywords == null) return 0;
        int score = 0;
        for (Keyword k : keywords) {
            if (k.foundIn(text, folded)) score++;
        }
        return score;
    }

    /** The text with ASCII letters lower-cased and every other character as it is (the case folding of the patterns). */
    static String foldAscii(String text) {
        char[] out = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c >= 'A' && c <= 'Z') {
                if (out == null) out = text.toCharArray();
                out[i] = (char) (c + ('a' - 'A'));
            }
        }
        return out == null ? text : new String(out);
    }

    /** Slots say plainly what a fact is about. */
    private static int slotScore(String category, String slot) {
        if (slot == null) return 0;
        String attribute = slot.substring(slot.indexOf('|') + 1);
        String c = category.toLowerCase(Locale.ROOT);
        return switch (c) {
            case "personal_details" -> attribute.equals(SlotDetector.NAME) || attribute.equals(SlotDetector.AGE)
                || attribute.equals(SlotDetector.LOCATION) || attribute.equals(SlotDetector.RELATIONSHIP) ? 2 : 0;
            case "professional_details" -> attribute.equals(SlotDetector.JOB) || attribute.equals(SlotDetector.EMPLOYER) ? 2 : 0;
            case "user_preferences" -> attribute.startsWith(SlotDetector.FAVORITE) ? 2 : 0;
            default -> 0;
        };
    }

    private int overlap(String description, Set<String> words, Set<String> bigrams) {
        Words d = descriptions.get(description);
        if (d == null) {
            d = new Words(englishWords(description.toLowerCase(Locale.ROOT).replace('_', ' ')), chineseBigrams(description));
            if (descriptions.size() >= MAX_DESCRIPTIONS) descriptions.clear();
            descriptions.put(description, d);
        }
        int score = 0;
        for (String w : d.english()) {
            if (words.contains(w)) score++;
        }
        for (String b : d.bigrams()) {
            if (bigrams.contains(b)) score++;
        }
        return score;
    }

    /** Lower-case English content words of at least three letters, with a plural 's' removed. */
    static Set<String> englishWords(String lower) {
        Set<String> out = new HashSet<>();
        for (String w : NOT_WORD.split(lower)) {
            if (w.length() < 3 || STOPWORDS.contains(w)) continue;
            out.add(stem(w));
        }
        return out;
    }

    static String stem(String w) {
        if (w.endsWith("'s")) w = w.substring(0, w.length() - 2);
        if (w.endsWith("ies") && w.length() > 4) return w.substring(0, w.length() - 3) + "y";
        if (w.endsWith("s") && !w.endsWith("ss") && w.length() > 3) return w.substring(0, w.length() - 1);
        return w;
    }

    static Set<String> chineseBigrams(String text) {
        Set<String> out = new HashSet<>();
        StringBuilder run = new StringBuilder();
        for (int i = 0; i <= text.length(); i++) {
            char c = i < text.length() ? text.charAt(i) : ' ';
            if (Character.UnicodeScript.of(c) == Character.UnicodeScript.HAN) {
                run.append(c);
                continue;
            }
            for (int j = 0; j + 2 <= run.length(); j++) {
                String b = run.substring(j, j + 2);
                if (!ZH_STOP_BIGRAMS.contains(b)) out.add(b);
            }
            run.setLength(0);
        }
        return out;
    }

    private static Map<String, List<Keyword>> compileLexicon() {
        Map<String, List<Keyword>> out = new LinkedHashMap<>();
        CategoryLexicon.KEYWORDS.forEach((category, keywords) -> {
            List<Keyword> compiled = new ArrayList<>();
            for (String k : keywords) compiled.add(Language.of(k) == Language.ZH ? new Keyword(k, null) : new Keyword(foldAscii(k), keywordPattern(k)));
            out.put(category, List.copyOf(compiled));
        });
        return out;
    }

    static Pattern keywordPattern(String keyword) {
        if (Language.of(keyword) == Language.ZH) return Pattern.compile(Pattern.quote(keyword));
        return Pattern.compile("(?<![A-Za-z])" + Pattern.quote(keyword) + "(?:s|es|ed|d|ing)?(?![A-Za-z])",
            Pattern.CASE_INSENSITIVE);
    }
}
