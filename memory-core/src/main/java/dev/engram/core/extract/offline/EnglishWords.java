package dev.engram.core.extract.offline;

import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

/**
 * The small English lexicon the offline extractor relies on: verb forms (to recognise a clause with its own predicate and
 * to conjugate "I like" into "User likes"), auxiliaries, and adverbs that may sit between a subject and its verb.
 */
final class EnglishWords {

    /** Base forms of verbs people use to talk about themselves. Regular inflections are derived from these. */
    private static final String[] BASE_VERBS = {
        "live", "work", "like", "love", "enjoy", "prefer", "hate", "dislike", "move", "relocate", "start", "finish", "join",
        "study", "play", "visit", "adopt", "graduate", "own", "speak", "use", "need", "want", "plan", "hope", "cook",
        "travel", "watch", "listen", "learn", "teach", "practice", "practise", "train", "run", "swim", "read", "write", "drive",
        "walk", "stay", "marry", "date", "retire", "quit", "change", "switch", "decide", "intend", "miss", "collect",
        "paint", "draw", "sing", "dance", "hike", "bike", "ride", "climb", "visit", "celebrate", "believe", "care", "avoid",
        "suffer", "recover", "manage", "lead", "build", "develop", "design", "code", "program", "volunteer", "attend",
        "prepare", "try", "buy", "sell", "rent", "spend", "go", "get", "have", "do", "make", "take", "see", "meet", "come",
        "eat", "drink", "grow", "keep", "feel", "know", "think", "call", "name", "turn", "become", "begin", "bring",
        "wear", "win", "lose", "leave", "fly", "sleep", "wake", "break", "fall", "find", "give", "hold", "pay", "send",
        "spend", "stand", "tell", "understand", "graduate", "belong", "support", "follow", "own", "raise", "allergic",
    };

    /** Irregular past tenses: they stay unchanged when the subject becomes third person. */
    private static final Set<String> IRREGULAR_PAST = Set.of(
        "went", "got", "had", "was", "were", "did", "made", "took", "saw", "met", "bought", "began", "came", "ate",
        "drank", "left", "lost", "found", "felt", "ran", "wrote", "became", "grew", "knew", "taught", "thought",
        "brought", "built", "sent", "spent", "told", "said", "won", "fell", "flew", "drove", "gave", "kept", "slept",
        "sat", "stood", "swam", "understood", "broke", "chose", "forgot", "heard", "held", "paid", "sold", "sang",
        "spoke", "wore", "woke", "threw", "caught", "fought", "led", "lent", "meant", "rode", "drew", "used");

    /** Words that take no third-person -s: modals, and forms that read the same in past and present. */
    private static final Set<String> INVARIANT = Set.of(
        "can", "could", "will", "would", "shall", "should", "may", "might", "must", "ought", "used", "read", "put",
        "quit", "hurt", "cut", "set", "let", "cannot", "can't", "won't", "wouldn't", "couldn't", "shouldn't", "didn't",
        "mustn't", "might've", "also", "just");

    static final Set<String> AUXILIARIES = Set.of(
        "am", "is", "are", "was", "were", "have", "has", "had", "do", "does", "did", "will", "would", "can", "could",
        "should", "may", "might", "must", "'m", "'ve", "'d", "'ll", "'s", "don't", "didn't", "can't", "won't");

    static final Set<String> ADVERBS = Set.of(
        "really", "also", "usually", "often", "always", "never", "sometimes", "just", "still", "recently", "actually",
        "definitely", "absolutely", "totally", "only", "mostly", "rarely", "seldom", "generally", "typically",
        "currently", "now", "finally", "already", "even", "truly", "honestly", "mainly", "occasionally", "then",
        "too", "especially", "kind", "sort", "simply", "probably", "newly", "officially");

    private static final Set<String> VERB_FORMS = new HashSet<>();

    static {
        for (String base : BASE_VERBS) {
            VERB_FORMS.add(base);
            VERB_FORMS.add(thirdPerson(base));
            VERB_FORMS.add(base.endsWith("e") ? base + "d" : base.endsWith("y") && !isVowel(base.charAt(base.length() - 2))
                ? base.substring(0, base.length() - 1) + "ied" : base + "ed");
        }
        VERB_FORMS.addAll(IRREGULAR_PAST);
        VERB_FORMS.addAll(AUXILIARIES);
        VERB_FORMS.remove("allergic");
    }

    private EnglishWords() {
    }

    /** Whether {@code word} (any case) is a finite verb form or auxiliary that can start a predicate. */
    static boolean isVerb(String word) {
        return VERB_FORMS.contains(word.toLowerCase(Locale.ROOT));
    }

    static boolean isAdverb(String word) {
        return ADVERBS.contains(word.toLowerCase(Locale.ROOT));
    }

    /**
     * The form {@code verb} takes after a third-person singular subject: "like" → "likes", "go" → "goes", "try" →
     * "tries", "have" → "has"; past tenses and modals are unchanged.
     */
    static String thirdPerson(String verb) {
        String lower = verb.toLowerCase(Locale.ROOT);
        if (INVARIANT.contains(lower) || IRREGULAR_PAST.contains(lower) || lower.endsWith("ed") || lower.endsWith("n't")
            || lower.endsWith("ing") || lower.isEmpty() || !lower.chars().allMatch(Character::isLetter)) {
            return verb;
        }
        switch (lower) {
            case "have": return "has";
            case "am": return "is";
            case "are": return "is";
            case "do": return "does";
            case "go": return "goes";
            case "be": return "is";
            default: break;
        }
        if (lower.endsWith("s") || lower.endsWith("sh") || lower.endsWith("ch") || lower.endsWith("x")
            || lower.endsWith("z") || lower.endsWith("o")) {
            return verb + "es";
        }
        if (lower.length() > 1 && lower.endsWith("y") && !isVowel(lower.charAt(lower.length() - 2))) {
            return verb.substring(0, verb.length() - 1) + "ies";
        }
        return verb + "s";
    }

    private static boolean isVowel(char c) {
        return "aeiou".indexOf(c) >= 0;
    }
}
