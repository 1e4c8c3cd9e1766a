package dev.engram.core.engine;

import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Recognises a message that is only an acknowledgement or a pleasantry ("Noted.", "Sure, thanks!", "好的，谢谢"): every
 * word of it is one of a closed list of such words, in English or Chinese. Anything else, a name, a place, a number,
 * one word outside the list, makes it a message with content.
 */
final class Acknowledgement {

    /** English words that acknowledge, thank, greet or agree; lower case. */
    private static final Set<String> WORDS = Set.of(
            "ok", "okay", "k", "kk", "sure", "noted", "note", "taken", "thanks", "thank", "thx", "ty", "you", "u", "very",
            "much", "so", "a", "lot", "got", "it", "great", "cool", "nice", "good", "perfect", "awesome", "excellent",
            "wonderful", "fine", "alright", "all", "right", "yes", "yeah", "yep", "yup", "no", "nope", "nah",
            "understood", "understand", "i", "see", "makes", "sense", "will", "do", "done", "of", "course", "certainly",
            "absolutely", "indeed", "exactly", "agreed", "hi", "hello", "hey", "bye", "goodbye", "cheers", "welcome",
            "you're", "youre", "np", "problem", "lol", "haha", "hmm", "um", "uh", "oh", "ah", "wow", "the", "and",
            "that", "sounds", "glad", "to", "help", "happy", "anytime");

    /** Chinese acknowledgements, greetings and particles, matched as whole runs of Han characters. */
    private static final Pattern CJK_ACKNOWLEDGEMENT = Pattern.compile(
            "(?:好的|好吧|好啊|好呀|好|行|可以|嗯嗯|嗯|哦|噢|喔|啊|呀|哈哈|哈|谢谢你|谢谢|多谢|感谢|收到|明白了|明白|知道了|知道|懂了|"
                    + "了解|是的|是啊|对的|对|没问题|没事|不客气|不用谢|你好|您好|再见|拜拜|晚安|早安|早|了|吧|呢|的|啦)+");

    private static final Pattern WORD = Pattern.compile("[\\p{L}\\p{N}']+");

    private Acknowledgement() {
    }

    /** True when {@code text} has no letter or digit, or nothing but acknowledgement words. */
    static boolean isOnly(String text) {
        Matcher words = WORD.matcher(text);
        boolean any = false;
        while (words.find()) {
            any = true;
            String word = words.group();
            if (word.codePoints().anyMatch(TokenEstimator::isCjk)) {
                if (!CJK_ACKNOWLEDGEMENT.matcher(word).matches()) return false;
            } else if (!WORDS.contains(word.toLowerCase(Locale.ROOT))) {
                return false;
            }
        }
        return true;
    }
}
