package dev.engram.core.extract.offline;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Decides whether a statement (already cut and stripped of leading filler) is worth remembering.
 *
 * <p>Dropped: questions (a question mark, an English question word order such as "do you…" / "what is…", a Chinese
 * sentence-final 吗/呢 or an interrogative such as 什么/怎么/为什么 that is not the indefinite "什么都"), requests to the
 * assistant ("can you…", "please…", "help me…", "帮我…", "请…"), greetings, thanks, farewells, pleasantries and
 * acknowledgements ("I see", "我知道了"), assistant chit-chat ("I'd be happy to help"), and fragments too short to carry a
 * fact. Kept: statements in the first person (I, my, we / 我, 我们), statements already about the subject ("用户偏好…"),
 * and subject-less statements that open with a verb ("Moved to Berlin last year", "喜欢吃辣").
 */
final class FactClassifier {

    private static final Pattern EN_QUESTION = Pattern.compile(
        "^(?:(?:what|where|when|why|how|who|which|whose|whom)(?:'s|'re|\\s+(?:is|are|was|were|do|does|did|can|could|would|"
            + "will|should|shall|may|might|about|much|many|long|often|old|far|come))\\b"
            + "|(?:do|does|did|is|are|am|was|were|can|could|would|will|should|shall|may|might|have|has|had|isn't|aren't|"
            + "don't|doesn't|won't|wouldn't|can't|couldn't)\\s+(?:you|i|we|it|there|he|she|they|this|that|these|those|"
            + "my|your|u)\\b)",
        Pattern.CASE_INSENSITIVE);

    private static final Pattern EN_REQUEST = Pattern.compile(
        "^(?:please|pls|plz|kindly|help me|tell me|show me|give me|send me|find me|get me|remind me|let me know|let's|"
            + "let us|i need you to|i want you to|i'd like you to|i would like you to|could you|can you|would you|will you|"
            + "write|explain|make|create|find|list|summarize|summarise|translate|recommend|suggest|generate|check|fix|"
            + "describe|draft|book|search|look up|compare|calculate|give|show|tell|send|add|set|schedule|remind|help)\\b",
        Pattern.CASE_INSENSITIVE);

    private static final Pattern EN_PLEASANTRY = Pattern.compile(
        "^(?:thanks|thank you|thx|ty|cheers|bye|goodbye|good bye|see you|see ya|talk to you later|ttyl|good night|"
            + "goodnight|have a (?:nice|good|great|lovely)|nice to meet you|nice talking|pleased to meet you|take care|"
            + "you're welcome|you are welcome|no problem|no worries|sounds good|got it|cool|great|awesome|perfect|nice|"
            + "okay|ok|sure|alright|all right|hello|hi|hey|good morning|good afternoon|good evening|how are you|"
            + "how's it going|welcome|i see|i know|i agree|i think so|i guess so|i hope so|i'm fine|i am fine|i'm good|"
            + "i am good|i'm okay|i'm ok|i'm not sure|i am not sure|i don't know|i do not know|i understand|i got it|"
            + "me too|same here|i'm sorry|i am sorry|i'm back|lol|haha)\\b(?:\\s+(?:so much|a lot|again|very much|too|"
            + "then|for (?:your|the) help|for helping|for everything|everyone|there|all|man|buddy|friend|you|"
            + "for now|bye))*$",
        Pattern.CASE_INSENSITIVE);

    private static final Pattern ASSISTANT_CHITCHAT = Pattern.compile(
        "^(?:here is|here's|here are|let me|sure|of course|absolutely|certainly|great question|good question|i hope|"
            + "i'm glad|i am glad|i'm sorry|i am sorry|i apologi[sz]e|i understand|i see|feel free|don't hesitate|"
            + "happy to help|i'd be happy|i would be happy|i'd love to help|i would love to help|is there anything|"
            + "anything else|glad to|hope this|i'm happy to help|i am happy to help|i'm here to help|i am here to help|"
            + "thanks for|thank you for|you're welcome|that sounds|that's great|that is great|good luck|enjoy)\\b",
        Pattern.CASE_INSENSITIVE);

    private static final Pattern EN_FIRST_PERSON = Pattern.compile("\\b(?:I|I'm|I've|I'd|I'll|my|me|mine|myself|we|we're|we've|our|us)\\b",
        Pattern.CASE_INSENSITIVE);

    private static final Pattern ZH_QUESTION_END = Pattern.compile("[吗呢么][\\s~～]*$");

    private static final Pattern ZH_INTERROGATIVE = Pattern.compile(
        "(?<![没不])(?:为什么|为啥|怎么|怎样|什么|啥|哪里|哪儿|哪个|哪些|哪家|谁|多少|(?<![十好几])几(?:点|个)|是不是|有没有|能不能|可不可以|会不会|要不要|对不对|好不好)(?![都也])");

    private static final Pattern ZH_REQUEST = Pattern.compile(
        "^(?:请|帮我|帮忙|麻烦|能不能|能否|可以帮|可不可以|你能|你可以|你帮|给我|告诉我|推荐|我想让你|我需要你|我希望你|你来|你给|让我们|咱们来|写一|翻译|总结|解释)");

    private static final Pattern ZH_PLEASANTRY = Pattern.compile(
        "^(?:谢谢|多谢|感谢|谢了|再见|拜拜|晚安|不客气|没问题|没事|好的|好吧|好呀|好啊|行|可以|嗯|哈+|呵呵|辛苦了|你好|您好|大家好|"
            + "早上好|晚上好|下午好|早安|很高兴认识你|我知道了|我明白了|我懂了|我也是|我不知道|我同意|我觉得可以|我还好|我很好|"
            + "我没事|我回来了|明白了|知道了|收到|了解)[\\s啦了呀啊哈！!。～~]*$");

    private static final Pattern ZH_ASSISTANT_CHITCHAT = Pattern.compile(
        "^(?:好的|当然|没问题|很高兴|我很乐意|乐意|希望这|希望对你|如果你还有|还有什么|以下是|下面是|这是|让我|我来|抱歉|对不起|我理解|不客气)");

    private static final Pattern ZH_SUBJECT_START = Pattern.compile("^(?:用户|我)");

    /** Statements shorter than this (in words / Chinese characters) are kept only when they fill a slot. */
    private static final int MIN_EN_WORDS = 3;
    private static final int MIN_ZH_CHARS = 4;

    /**
     * @param text        the statement, filler already stripped
     * @param question    whether it ended with a question mark
     * @param assistant   whether an assistant said it (its chit-chat is dropped too)
     * @param subjectName the speaker's name, when given, so "Alice prefers tea" counts as about the subject
     * @param fillsSlot   whether it states a single-valued attribute ("I'm 30"), which keeps even very short statements
     */
    boolean keep(String text, boolean question, boolean assistant, String subjectName, boolean fillsSlot) {
        return keep(text, question, assistant, subjectName, fillsSlot, false);
    }

    /**
     * @param answersQuestion whether the statement opens a user message that replies to the assistant's question: a
     *                        fragment there ("Yes, a senior analyst at a startup") is the user's answer, hence a fact
     */
    boolean keep(String text, boolean question, boolean assistant, String subjectName, boolean fillsSlot,
                 boolean answersQuestion) {
        if (text.isBlank() || question) return false;
        return Language.of(text) == Language.ZH
            ? keepChinese(text, assistant, subjectName, fillsSlot)
            : keepEnglish(text, assistant, subjectName, fillsSlot, answersQuestion);
    }

    private static final Pattern WHITESPACE = Pattern.compile("\\s+");
    private static final Pattern WHITESPACE_OR_COMMA = Pattern.compile("[\\s,]+");
    private static final Pattern NOT_WORD_CHAR = Pattern.compile("[^A-Za-z']");
    private static final Pattern CONTRACTION = Pattern.compile("(?i)[a-z]+'(?:m|re|ve|ll|d|s)");

    /** Words that open a statement about someone or something other than the speaker (or about nothing in particular). */
    private static final java.util.Set<String> EN_OTHER_SUBJECTS = java.util.Set.of(
        "you", "your", "you're", "it", "it's", "its", "this", "that", "that's", "there", "there's", "these", "those",
        "he", "he's", "she", "she's", "they", "they're", "his", "her", "their", "the", "a", "an", "what", "which");

    private boolean keepEnglish(String text, boolean assistant, String subjectName, boolean fillsSlot,
                                boolean answersQuestion) {
        if (EN_QUESTION.matcher(text).find() || EN_REQUEST.matcher(text).find() || EN_PLEASANTRY.matcher(text).find()) {
            return false;
        }
        if (assistant && ASSISTANT_CHITCHAT.matcher(text).find()) return false;
        if (!fillsSlot && (englishWordCount(text) < MIN_EN_WORDS || dependsOnContext(text))) return false;
        if (EN_FIRST_PERSON.matcher(text).find() || text.contains("我")) return true;
        String first = NOT_WORD_CHAR.matcher(WHITESPACE.split(text)[0]).replaceAll("");
        if (first.equalsIgnoreCase("user") || (subjectName != null && first.equalsIgnoreCase(subjectName))) return true;
        if (opensWithPredicate(text)) return true;
        if (assistant) return false;
        if (namedSubject(text) || definiteSubjectEvent(text)) return true;
        String lower = first.toLowerCase(Locale.ROOT);
        return answersQuestion && !EN_OTHER_SUBJECTS.contains(lower) && !EnglishWords.AUXILIARIES.contains(lower);
    }

    /** A word ending in -ed followed by a conjunction or nothing reads as an adjective: "Crowded but fun", "Exhausted". */
    private static final Pattern EN_ED_ADJECTIVE = Pattern.compile(
        "^[A-Za-z]{3,}ed(?:\\s*$|\\s*[,;!.]|\\s+(?:but|and|or|though|yet|so|as|than)\\b)", Pattern.CASE_INSENSITIVE);

    /**
     * Whether a subject-less statement opens with its predicate ("Moved to Lyon", "Booked flights yesterday"). A word
     * ending in -ed counts unless it reads as an adjective ("Crowded but fun").
     */
    static boolean opensWithPredicate(String text) {
        String first = NOT_WORD_CHAR.matcher(WHITESPACE.split(text, 2)[0]).replaceAll("");
        String lower = first.toLowerCase(Locale.ROOT);
        if (EnglishWords.AUXILIARIES.contains(lower)) return false;
        return EnglishWords.isVerb(first)
            || (lower.length() > 4 && lower.endsWith("ed") && !EN_ED_ADJECTIVE.matcher(text).find());
    }

    private static final Pattern EN_NAMED_SUBJECT = Pattern.compile("^([A-Z][a-z]+)(?:'s)?\\s+([a-z]+(?:'[a-z]+)?)\\b");

    /**
     * A statement whose subject is a capitalised name followed by its verb ("Biscuit had his shots", "Omar is my
     * brother"): in a user's message that is someone or something in the user's life, worth remembering.
     */
    /**
     * "The builder found damp in the wall", "the bestseller is now the lemon tart": something in the user's world did
     * something, or a state of it changed. A plain definition ("The weather is nice") is not kept: a copula counts only
     * with "now"/"still" after it. The subject is "the" and one to three words; adverbs may precede the verb.
     */
    static boolean definiteSubjectEvent(String text) {
        String[] words = WHITESPACE_OR_COMMA.split(text.strip());
        if (words.length < 3 || !words[0].equalsIgnoreCase("the")) return false;
        for (int i = 2; i <= Math.min(4, words.length - 1); i++) {
            String verb = words[i].toLowerCase(Locale.ROOT);
            if (EnglishWords.isAdverb(verb)) continue;
            if (COPULAS.contains(verb)) {
                String next = i + 1 < words.length ? words[i + 1].toLowerCase(Locale.ROOT) : "";
                return next.equals("now") || next.equals("still");
            }
            if (EnglishWords.AUXILIARIES.contains(verb)) return false;
            if (EnglishWords.isVerb(verb) || (verb.length() > 4 && verb.endsWith("ed") && verb.chars().allMatch(Character::isLetter))) {
                return true;
            }
        }
        return false;
    }

    private static final java.util.Set<String> COPULAS = java.util.Set.of("is", "are", "was", "were", "be", "being");

    static boolean namedSubject(String text) {
        Matcher m = EN_NAMED_SUBJECT.matcher(text);
        if (!m.find()) return false;
        String name = m.group(1).toLowerCase(Locale.ROOT);
        if (EN_OTHER_SUBJECTS.contains(name) || EnglishWords.isVerb(name) || EnglishWords.isAdverb(name)) return false;
        String verb = m.group(2);
        // "React is a library" defines a thing; a name doing something ("Nala chewed…", "Omar moved…") is an event
        if (COPULAS.contains(verb)) return false;
        return EnglishWords.isVerb(verb) || EnglishWords.isAdverb(verb) || (verb.length() > 3 && verb.endsWith("ed"));
    }

    private static final Pattern EN_CONTEXT_WORD = Pattern.compile("\\b(?:it|that|this|there|them|those|these)\\b",
        Pattern.CASE_INSENSITIVE);
    private static final Pattern ZH_CONTEXT_WORD = Pattern.compile("这个|那个|这样|那样|它|这|那");
    private static final int CONTEXT_DEPENDENT_EN_WORDS = 5;
    private static final int CONTEXT_DEPENDENT_ZH_CHARS = 6;

    /**
     * A short statement whose object is only a pronoun ("I really enjoy it", "I'll check it out", "我很喜欢这个") means
     * nothing on its own: the splitter leaves it attached to the previous clause, and alone it is dropped.
     */
    static boolean dependsOnContext(String text) {
        if (Language.of(text) == Language.ZH) {
            return text.codePointCount(0, text.length()) <= CONTEXT_DEPENDENT_ZH_CHARS && ZH_CONTEXT_WORD.matcher(text).find();
        }
        return englishWordCount(text) <= CONTEXT_DEPENDENT_EN_WORDS && EN_CONTEXT_WORD.matcher(text).find();
    }

    /** Words, with a contraction counting as two ("I'm Chinese" has three). */
    private static int englishWordCount(String text) {
        int count = 0;
        for (String word : WHITESPACE.split(text)) {
            if (word.isBlank()) continue;
            count += CONTRACTION.matcher(word).matches() ? 2 : 1;
        }
        return count;
    }

    private boolean keepChinese(String text, boolean assistant, String subjectName, boolean fillsSlot) {
        if (ZH_QUESTION_END.matcher(text).find() || ZH_INTERROGATIVE.matcher(text).find()
            || ZH_REQUEST.matcher(text).find() || ZH_PLEASANTRY.matcher(text).find()) {
            return false;
        }
        if (assistant && ZH_ASSISTANT_CHITCHAT.matcher(text).find()) return false;
        if (!fillsSlot && (text.codePointCount(0, text.length()) < MIN_ZH_CHARS || dependsOnContext(text))) return false;
        if (text.contains("我") || text.contains("咱")) return true;
        if (ZH_SUBJECT_START.matcher(text).find() || (subjectName != null && text.startsWith(subjectName))) return true;
        if (ChineseWords.startsWithPredicate(text) && !text.startsWith("是") && !text.startsWith("在")
            && !text.startsWith("有")) {
            return true;
        }
        return !assistant && subjectDropped(text);
    }

    private static final int MIN_ZH_SUBJECTLESS_CHARS = 6;
    /** An aspect particle after a verb marks a predicate the small verb list may not know ("办了", "去过"). */
    private static final Pattern ZH_ASPECT = Pattern.compile("\\p{IsHan}[了过]");
    private static final Pattern ZH_OTHER_SUBJECT = Pattern.compile("^(?:你|您|天气|今天天气)");

    /**
     * Chinese drops the subject whenever it is obvious: in a user's message a declarative clause with a predicate and
     * some content ("办了健身卡，每周去两次", "晚饭不喝汤了") is about the speaker, unless it addresses the listener.
     */
    private static boolean subjectDropped(String text) {
        long han = text.codePoints().filter(cp -> Character.UnicodeScript.of(cp) == Character.UnicodeScript.HAN).count();
        return han >= MIN_ZH_SUBJECTLESS_CHARS && !ZH_OTHER_SUBJECT.matcher(text).find()
            && (ChineseWords.firstPredicate(text) >= 0 || ZH_ASPECT.matcher(text).find());
    }
}
