package dev.engram.core.extract.offline;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Cuts a message into atomic statements: first into sentences (English {@code . ! ? ;}, Chinese {@code 。！？；}, and
 * newlines), then into clauses at "and" / "but" / "also" / commas ({@code ，} / 而且 / 但是 / 并且 / 不过 in Chinese), but only
 * where both sides are full statements with their own predicate. "I like React and TypeScript" and
 * "我喜欢React和TypeScript" stay whole; "I live in Berlin and work at SAP" becomes "I live in Berlin" + "I work at SAP"
 * (the second clause inherits the first clause's subject). A clause that starts with a third-person pronoun ("…, and she
 * is a teacher") is left attached, so the pronoun keeps its referent.
 */
final class SentenceSplitter {

    private static final Set<String> ABBREVIATIONS = Set.of(
        "mr", "mrs", "ms", "dr", "prof", "st", "jr", "sr", "vs", "etc", "e.g", "i.e", "u.s", "inc", "ltd", "co", "no");

    private static final Pattern EN_SEPARATOR =
        Pattern.compile("\\s*,\\s*(?:(?:and|but|also|plus|so)\\s+)?|\\s+(?:and|but|also|plus)\\s+", Pattern.CASE_INSENSITIVE);

    private static final Pattern ZH_SEPARATOR = Pattern.compile("[，,]?\\s*(?:但是|而且|并且|不过|可是|同时)|[，,]");

    private static final Pattern SUBORDINATE_START = Pattern.compile(
        "^(?:when|if|because|since|although|though|while|after|before|as|once|until|whenever|unless)\\b",
        Pattern.CASE_INSENSITIVE);

    private static final Set<String> EN_FIRST_PERSON = Set.of("i", "i'm", "i've", "i'd", "i'll", "my", "we", "we're", "we've", "our");

    List<Sentence> split(String content) {
        List<Sentence> out = new ArrayList<>();
        if (content == null) return out;
        for (Sentence sentence : sentences(content)) {
            List<String> clauses = Language.of(sentence.text()) == Language.ZH
                ? clausesZh(sentence.text()) : clausesEn(sentence.text());
            for (int i = 0; i < clauses.size(); i++) {
                boolean last = i == clauses.size() - 1;
                out.add(new Sentence(clauses.get(i), last && sentence.question()));
            }
        }
        return out;
    }

    /** Sentences with their closing punctuation removed; a '.' inside a number or after an abbreviation is no boundary. */
    static List<Sentence> sentences(String content) {
        List<Sentence> out = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (int i = 0; i < content.length(); i++) {
            char c = content.charAt(i);
            boolean boundary = switch (c) {
                case '!', '?', ';', '。', '！', '？', '；', '\n', '\r' -> true;
                case '.' -> isSentencePeriod(content, i, current);
                default -> false;
            };
            if (!boundary) {
                current.append(c);
                continue;
            }
            // fold runs like "?!" or "..." into one boundary, remembering whether a question mark was among them
            boolean question = c == '?' || c == '？';
            while (i + 1 < content.length() && "!?.。！？；;…".indexOf(content.charAt(i + 1)) >= 0) {
                i++;
                question |= content.charAt(i) == '?' || content.charAt(i) == '？';
            }
            add(out, current, question);
        }
        add(out, current, false);
        return out;
    }

    private static void add(List<Sentence> out, StringBuilder current, boolean question) {
        String text = current.toString().strip();
        current.setLength(0);
        if (!text.isEmpty()) out.add(new Sentence(text, question));
    }

    private static boolean isSentencePeriod(String content, int i, StringBuilder current) {
        boolean digitBefore = i > 0 && Character.isDigit(content.charAt(i - 1));
        boolean digitAfter = i + 1 < content.length() && Character.isDigit(content.charAt(i + 1));
        if (digitBefore && digitAfter) return false;
        if (i + 1 < content.length() && Character.isLetterOrDigit(content.charAt(i + 1))) return false; // "node.js", "e.g"
        String before = current.toString();
        int space = Math.max(before.lastIndexOf(' '), before.lastIndexOf('\n'));
        String word = before.substring(space + 1).toLowerCase(Locale.ROOT);
        return !(ABBREVIATIONS.contains(word) || (word.length() == 1 && Character.isLetter(word.charAt(0))
            && !word.equals("i") && Character.isUpperCase(before.charAt(before.length() - 1))));
    }

    private List<String> clausesEn(String sentence) {
        List<String> out = new ArrayList<>();
        Matcher m = EN_SEPARATOR.matcher(sentence);
        int start = 0;
        String subject = null;
        while (m.find()) {
            String left = sentence.substring(start, m.start()).strip();
            String right = sentence.substring(m.end()).strip();
            if (!isEnglishStatement(left) || FactClassifier.dependsOnContext(nextClause(right))) continue;
            String rightStart = skipAdverbs(right);
            String first = firstWord(rightStart).toLowerCase(Locale.ROOT);
            if (EN_FIRST_PERSON.contains(first)) {
                out.add(withSubject(left, subject));
                subject = null;
                start = m.end();
            } else if (EnglishWords.isVerb(first) && !first.endsWith("ing")) {
                String s = englishSubject(withSubject(left, subject));
                if (s == null) continue;
                out.add(withSubject(left, subject));
                subject = s;
                start = m.end();
            }
        }
        out.add(withSubject(sentence.substring(start).strip(), subject));
        out.removeIf(String::isBlank);
        return out;
    }

    /** The text up to the next separator: what would become the next clause. */
    private static String nextClause(String rest) {
        Matcher m = EN_SEPARATOR.matcher(rest);
        return m.find() ? rest.substring(0, m.start()) : rest;
    }

    private static String nextClauseZh(String rest) {
        Matcher m = ZH_SEPARATOR.matcher(rest);
        return m.find() ? rest.substring(0, m.start()) : rest;
    }

    private static String withSubject(String clause, String subject) {
        return subject == null ? clause : subject + " " + clause;
    }

    private static final Pattern WHITESPACE = Pattern.compile("\\s+");
    private static final Pattern NOT_LOWER_WORD_CHAR = Pattern.compile("[^a-z']");

    /** A clause with at least two words, a verb, and no leading subordinator ("When I was young"). */
    private static boolean isEnglishStatement(String clause) {
        if (SUBORDINATE_START.matcher(clause).find()) return false;
        String[] words = WHITESPACE.split(clause);
        if (words.length < 2) return false;
        for (String w : words) {
            String lower = NOT_LOWER_WORD_CHAR.matcher(w.toLowerCase(Locale.ROOT)).replaceAll("");
            if (EnglishWords.isVerb(lower) || lower.startsWith("i'") || lower.endsWith("'s") || lower.endsWith("'re")) {
                return true;
            }
        }
        return false;
    }

    /** The words before the first verb of a clause ("I", "My wife"), when that is a short subject. */
    private static String englishSubject(String clause) {
        String[] words = WHITESPACE.split(clause);
        for (int i = 0; i < words.length && i <= 4; i++) {
            if (EnglishWords.isVerb(words[i]) || EnglishWords.isAdverb(words[i])) {
                return i == 0 ? null : String.join(" ", java.util.Arrays.copyOfRange(words, 0, i));
            }
        }
        return null;
    }

    private static String skipAdverbs(String text) {
        String rest = text;
        while (true) {
            String w = firstWord(rest);
            if (w.isEmpty() || !EnglishWords.isAdverb(w)) return rest;
            rest = rest.substring(w.length()).strip();
        }
    }

    private static String firstWord(String text) {
        int end = 0;
        while (end < text.length() && (Character.isLetter(text.charAt(end)) || text.charAt(end) == '\'')) end++;
        return text.substring(0, end);
    }

    private List<String> clausesZh(String sentence) {
        List<String> out = new ArrayList<>();
        Matcher m = ZH_SEPARATOR.matcher(sentence);
        int start = 0;
        String subject = null;
        while (m.find()) {
            String left = sentence.substring(start, m.start()).strip();
            String right = sentence.substring(m.end()).strip();
            if (left.length() < 2 || ChineseWords.firstPredicate(left) < 0 || right.isEmpty()
                || FactClassifier.dependsOnContext(nextClauseZh(right))) {
                continue;
            }
            String fullLeft = subject == null ? left : subject + left;
            if (right.startsWith("我")) {
                out.add(fullLeft);
                subject = null;
                start = m.end();
            } else if (ChineseWords.startsWithPredicate(right) && !ChineseWords.startsWithSubject(right)) {
                int p = ChineseWords.firstPredicate(fullLeft);
                if (p <= 0) continue;
                out.add(fullLeft);
                subject = fullLeft.substring(0, p);
                start = m.end();
            }
        }
        String last = sentence.substring(start).strip();
        out.add(subject == null ? last : subject + last);
        out.removeIf(String::isBlank);
        return out;
    }
}
