package dev.engram.core.extract.offline;

import java.util.regex.Pattern;

/**
 * Removes what carries no fact from the start and end of a statement: interjections and discourse fillers ("Well,", "btw",
 * "Big news:", "…, by the way", "…，哈哈", "Oh", "嗯", "哈哈"), a greeting or thanks in front of real content ("Hi, I'm Alice" → "I'm Alice"), and a request to
 * remember that wraps a fact ("Please remember that I'm allergic to nuts" → "I'm allergic to nuts", "记住我对花生过敏").
 */
final class FillerStripper {

    private static final Pattern EN_LEADING = Pattern.compile(
        "^(?:(?:well|oh|ohh|so|um+|uh+|umm+|hmm+|ah+|ok|okay|yeah|yes|yep|yup|no|nope|btw|by the way|anyway|anyways|"
            + "actually|also|hey there|hi there|hello there|hey|hi|hello|thanks|thank you|good morning|good afternoon|"
            + "good evening|haha+|lol|honestly|basically|fyi|just so you know|for the record|oh and|and|but|plus|"
            + "please note that|note that|just to let you know|(?:big|good|bad|great|sad|some|exciting|quick)\\s+news|news|"
            + "guess what|fun fact|quick update|update|reminder(?:\\s+to\\s+(?:myself|self))?|"
            + "to be honest|tbh|sounds good|sounds great|great|cool|awesome|"
            + "perfect|nice|sure|alright|of course|no problem|got it|i see|"
            + "(?:please\\s+)?(?:remember|note|keep in mind|don't forget)(?:\\s+that)?)"
            + "(?:\\s*[,!.:;\\-–—]+\\s*|\\s+))+",
        Pattern.CASE_INSENSITIVE);

    private static final Pattern ZH_LEADING = Pattern.compile(
        "^(?:(?:嗯+|哈+|呵呵|啊+|哦+|噢|唉|诶|欸|额|呃|那个|对了|其实|另外|还有|然后|话说|顺便说一下|顺便|好吧|好的|你好|您好|嗨|"
            + "哈喽|而且|并且|但是|不过|可是|所以|同时|谢谢你?|早上好|晚上好|下午好|说实话|请记住|记住|请注意|提醒一下|(?:请)?(?:帮我)?记一下|告诉你)"
            + "[\\s，,。！!～~、:：]*)+");

    /** Fillers that trail a statement: "…, by the way", "…, haha", "…，哈哈" (not 呢/吗, which mark questions). */
    private static final Pattern EN_TRAILING = Pattern.compile(
        "(?:[\\s,]+(?:by the way|btw|haha+|lol|though|honestly|of course|to be honest|tbh|anyway))+[\\s.!]*$",
        Pattern.CASE_INSENSITIVE);
    private static final Pattern ZH_TRAILING = Pattern.compile("(?:[\\s，,]*(?:哈哈+|呵呵|嘿嘿|啦|哦|呀))+[\\s。！!～~]*$");

    private static final Pattern LEADING_PUNCTUATION = Pattern.compile("^[\\p{Punct}\\s，。、：～]+");

    private FillerStripper() {
    }

    static String strip(String text) {
        String s = text.strip();
        String stripped = Language.of(s) == Language.ZH
            ? ZH_LEADING.matcher(s).replaceFirst("")
            : EN_LEADING.matcher(s).replaceFirst("");
        stripped = (Language.of(stripped) == Language.ZH ? ZH_TRAILING : EN_TRAILING).matcher(stripped).replaceFirst("");
        stripped = LEADING_PUNCTUATION.matcher(stripped).replaceAll("").strip();
        return stripped;
    }
}
