package dev.engram.core.reconcile;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Words that say how a new statement relates to what was said before, for the offline reconciler: a <em>change</em>
 * ("switched to", "no longer", "instead", "改成", "换成", "不再") replaces an older statement on the same topic; a
 * <em>restatement</em> ("still", "again", "还是", "仍然", "依然") repeats one. Also compares the numbers two statements
 * carry, since "a team of 12" after "a team of 8" is a change even without a change word.
 */
final class StatementMarkers {

    private static final Pattern EN_CHANGE = Pattern.compile(
        "\\b(?:switch(?:ed|ing|es)?|chang(?:ed|ing|es)|swap(?:ped|ping|s)?|replac(?:ed|ing|es)|upgrad(?:ed|ing|es)|"
            + "downgrad(?:ed|ing|es)|dropp(?:ed|ing)|quit|quitting|no\\s+longer|not\\s+anymore|any\\s?more|instead|"
            + "moved|moving|relocat(?:ed|ing)|cut\\s+(?:down|back)|gave\\s+up|giving\\s+up|stopped|extend(?:ed|ing)|"
            + "postpon(?:ed|ing)|defer(?:red|ring)?|cancel(?:l?ed|l?ing)|rescheduled|renamed|decided|decision|"
            + "went\\s+with|going\\s+with|ended\\s+up|these\\s+days|from\\s+now\\s+on)\\b",
        Pattern.CASE_INSENSITIVE);

    private static final Pattern ZH_CHANGE = Pattern.compile(
        "改成|改为|改到|改在|改考|改名|改了|换成|换了|换到|转到|转成|不再|不.{1,6}了|搬到|搬去|搬回|搬家|调走|退出|辞职|离职|"
            + "取消|推迟|延期|延长|决定|最后|最终|后来|卖了|现在");

    private static final Pattern EN_RESTATEMENT = Pattern.compile(
        "\\b(?:still|again|as\\s+always|as\\s+usual|as\\s+I\\s+said|like\\s+I\\s+said|remains?|continues?\\s+to)\\b",
        Pattern.CASE_INSENSITIVE);

    private static final Pattern ZH_RESTATEMENT = Pattern.compile("还是|仍然|依然|仍旧|依旧|照样|照旧|一如既往|又");

    private static final Pattern NUMBER = Pattern.compile("\\d+(?:[.,]\\d+)?|[零一二两三四五六七八九十百千万]+(?=[个岁人次斤公里天周月年块元倍点])");

    /** Dates the extractor writes ("2023-05-06", "2023年5月6日"): when something happened, not a quantity. */
    private static final Pattern DATE = Pattern.compile("\\d{4}-\\d{2}(?:-\\d{2})?|\\d{4}年(?:\\d{1,2}月(?:\\d{1,2}[日号])?)?");

    private StatementMarkers() {
    }

    /** Whether {@code text} announces a change of something said before. */
    static boolean signalsChange(String text) {
        return EN_CHANGE.matcher(text).find() || ZH_CHANGE.matcher(text).find();
    }

    /** Whether {@code text} says it repeats something ("still vegetarian", "还是不吃辣"). */
    static boolean signalsRestatement(String text) {
        return EN_RESTATEMENT.matcher(text).find() || ZH_RESTATEMENT.matcher(text).find();
    }

    /** Whether both texts carry numbers and they are not the same numbers: the newer one updates a quantity. */
    static boolean numbersDiffer(String a, String b) {
        String na = numbers(a);
        String nb = numbers(b);
        return !na.isEmpty() && !nb.isEmpty() && !na.equals(nb);
    }

    private static String numbers(String text) {
        StringBuilder out = new StringBuilder();
        Matcher m = NUMBER.matcher(DATE.matcher(text).replaceAll(" "));
        while (m.find()) out.append(m.group()).append(' ');
        return out.toString();
    }
}
