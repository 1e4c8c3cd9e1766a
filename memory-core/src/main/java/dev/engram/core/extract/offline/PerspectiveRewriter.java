package dev.engram.core.extract.offline;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Rewrites a first-person statement so it reads on its own, naming its subject: "I prefer using React" → "User prefers
 * using React"; with a named speaker "Alice prefers using React"; "My sister lives in Paris" → "User's sister lives in
 * Paris"; "我喜欢猫" → "用户喜欢猫"; a subject-less clause gets the subject in front ("喜欢吃辣" → "用户喜欢吃辣", "Moved to
 * Berlin" → "User moved to Berlin"). The subject label is the speaker's name when the message has one, else "User" /
 * "用户" for users and "Assistant" / "助手" for assistants. Later possessives become "their"; "we"/"我们" become
 * "User and others" / "用户等人"; a self-introduction "I'm Alice" reads "User's name is Alice".
 */
final class PerspectiveRewriter {

    private static final String ADVERBS = String.join("|", EnglishWords.ADVERBS);
    /** "I" (and chat-style lower-case "i") followed by optional adverbs and the word that carries the tense. */
    private static final Pattern EN_I_VERB = Pattern.compile(
        "(?<![\\w.'])(and\\s+|&\\s+)?[Ii]((?:\\s+(?:" + ADVERBS + "))*)\\s+([A-Za-z]+(?:'[a-z]+)?)");
    private static final Pattern EN_I_CONTRACTION = Pattern.compile("(?<![\\w.'])[Ii]'(m|ve|d|ll)\\b");
    private static final Pattern EN_I_ALONE = Pattern.compile("(?<![\\w.'])I(?![\\w'])");
    private static final Pattern EN_CALL_ME = Pattern.compile("^(?:you\\s+can\\s+|please\\s+)?call\\s+me\\s+", Pattern.CASE_INSENSITIVE);
    private static final Pattern EN_WE = Pattern.compile("(?<![\\w'])[Ww]e(?:'(re|ve|ll|d))?(?![\\w'])");
    private static final Pattern EN_POSSESSIVE = Pattern.compile("(?<![\\w'])(?:[Mm]y|[Oo]ur)(?![\\w'])");
    private static final Pattern EN_OBJECT = Pattern.compile("(?<![\\w'])(?:me|us|Me|Us)(?![\\w'])");
    private static final Pattern EN_MINE = Pattern.compile("(?<![\\w'])(?:[Mm]ine|[Oo]urs)(?![\\w'])");
    private static final Pattern EN_REFLEXIVE = Pattern.compile("(?<![\\w'])(?:[Mm]yself|[Oo]urselves)(?![\\w'])");

    /** The label a fact's text uses for its subject. */
    static String subjectLabel(String name, String role, Language language) {
        if (name != null && !name.isBlank()) return name.strip();
        boolean assistant = "assistant".equalsIgnoreCase(role);
        if (language == Language.ZH) return assistant ? "助手" : "用户";
        return assistant ? "Assistant" : "User";
    }

    private static final Pattern ZH_WE = Pattern.compile("(?:我们|咱们)");
    private static final Pattern ZH_MY = Pattern.compile("(?<!自)我的");
    private static final Pattern ZH_I = Pattern.compile("(?<!自)我");
    private static final Pattern WHITESPACE = Pattern.compile("\\s+");
    private static final Pattern NOT_WORD = Pattern.compile("[^A-Za-z']+");

    String rewrite(String statement, String subject) {
        return Language.of(statement) == Language.ZH ? chinese(statement, subject) : english(statement, subject);
    }

    private String english(String statement, String subject) {
        // code-switched text: the Chinese first person inside an English sentence is the subject too
        String s = statement.replace('’', '\'').strip();
        s = ZH_WE.matcher(s).replaceAll(subject + " and others");
        s = ZH_MY.matcher(s).replaceAll(subject + "'s ");
        s = ZH_I.matcher(s).replaceAll(subject + " ");
        Matcher callMe = EN_CALL_ME.matcher(s);
        if (callMe.find()) s = subject + " goes by " + s.substring(callMe.end());
        String introduced = SlotDetector.introducedName(s);
        if (introduced != null) {
            // "I'm Alice, a nurse" → "User's name is Alice, a nurse": says what kind of fact it is
            s = subject + "'s name is " + s.substring(s.indexOf(introduced));
        }

        s = replaceAll(EN_I_CONTRACTION, s, m -> subject + switch (m.group(1)) {
            case "m" -> " is";
            case "ve" -> " has";
            case "d" -> " would";
            default -> " will";
        });
        String beforeVerbs = s;
        s = replaceAll(EN_I_VERB, s, m -> {
            // "My wife and I are": a compound subject keeps the plural verb; "…for months and I enjoy it" does not
            boolean compound = m.group(1) != null && !hasVerb(beforeVerbs.substring(0, m.start()));
            String adverbs = m.group(2);
            String verb = m.group(3);
            return (m.group(1) == null ? "" : m.group(1)) + subject + adverbs + " " + (compound ? verb : conjugate(verb));
        });
        s = replaceAll(EN_I_ALONE, s, m -> subject);
        s = replaceAll(EN_WE, s, m -> subject + " and others" + (m.group(1) == null ? "" : switch (m.group(1)) {
            case "re" -> " are";
            case "ve" -> " have";
            case "ll" -> " will";
            default -> " would";
        }));
        s = replaceAll(EN_REFLEXIVE, s, m -> "themselves");
        s = replaceAll(EN_MINE, s, m -> subject + "'s");
        s = replaceAll(EN_OBJECT, s, m -> "them");
        // the first possessive names the subject unless it was named before; later ones read "their"
        StringBuilder out = new StringBuilder();
        Matcher pos = EN_POSSESSIVE.matcher(s);
        int last = 0;
        while (pos.find()) {
            out.append(s, last, pos.start());
            boolean named = out.indexOf(subject) >= 0;
            out.append(named ? "their" : subject + "'s");
            last = pos.end();
        }
        out.append(s.substring(last));
        s = out.toString();

        if (!s.contains(subject) && !s.toLowerCase(Locale.ROOT).startsWith("user") && !FactClassifier.namedSubject(s)
                && !FactClassifier.definiteSubjectEvent(s)) {
            String first = WHITESPACE.split(s, 2)[0];
            String rest = s.substring(first.length());
            // "Moved to Lyon" → "User moved to Lyon"; an answer without a verb ("A nurse at the city hospital") is
            // what the user said about themselves: "User: a nurse at the city hospital"
            s = FactClassifier.opensWithPredicate(s)
                ? subject + " " + conjugate(first.toLowerCase(Locale.ROOT)) + rest
                : subject + ": " + s;
        }
        return capitalize(s);
    }

    /** Whether the text since the last comma has a verb, i.e. "and I" joins clauses rather than subjects. */
    private static boolean hasVerb(String text) {
        String clause = text.substring(Math.max(text.lastIndexOf(','), 0));
        for (String word : NOT_WORD.split(clause)) {
            if (!word.isEmpty() && (EnglishWords.isVerb(word) || word.endsWith("'m") || word.endsWith("'re"))) return true;
        }
        return false;
    }

    private static String conjugate(String verb) {
        return switch (verb.toLowerCase(Locale.ROOT)) {
            case "don't" -> "doesn't";
            case "haven't" -> "hasn't";
            case "aren't", "ain't" -> "isn't";
            case "wasn't", "weren't" -> "wasn't";
            case "were" -> "was";
            default -> EnglishWords.thirdPerson(verb);
        };
    }

    private String chinese(String statement, String subject) {
        String s = statement.strip();
        s = ZH_WE.matcher(s).replaceAll(subject + "等人");
        s = ZH_I.matcher(s).replaceAll(subject);
        // code-switched text: an English first person inside a Chinese sentence
        s = replaceAll(EN_I_CONTRACTION, s, m -> subject + switch (m.group(1)) {
            case "m" -> "是";
            case "ve" -> "已";
            default -> "会";
        });
        s = replaceAll(EN_I_ALONE, s, m -> subject);
        s = replaceAll(EN_POSSESSIVE, s, m -> subject + "的");
        if (!s.contains(subject) && !s.startsWith("用户") && !ChineseWords.startsWithSubject(s)) {
            s = subject + s;
        }
        return s;
    }

    private static String capitalize(String s) {
        if (s.isEmpty() || !Character.isLowerCase(s.charAt(0))) return s;
        return Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }

    private static String replaceAll(Pattern p, String s, java.util.function.Function<Matcher, String> replacement) {
        Matcher m = p.matcher(s);
        StringBuilder sb = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(sb, Matcher.quoteReplacement(replacement.apply(m)));
        }
        m.appendTail(sb);
        return sb.toString();
    }
}
