package dev.engram.core.extract.offline;

import dev.engram.core.extract.Fact;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The part of a project's custom instructions that can be honoured without a model: exclusions ("don't store X",
 * "do not remember X", "ignore X", "exclude X", "never save X", "不要记录X", "不要保存X", "忽略X", "排除X") drop facts that
 * mention a topic of X; inclusions ("only store X", "only remember X", "只记录X", "仅保存X") keep only facts that mention
 * one. X is split into keywords (English content words; Chinese phrases split at 和/、/或/及 with 相关/信息/的 removed). A
 * fact mentions a keyword when its text contains it (English: as a word, with a plural/-ing ending) or when the topic names
 * one of its categories ("don't store health information" drops facts categorised {@code health}; "只记录饮食" keeps
 * those categorised {@code food}).
 *
 * <p>Limits: anything else in the instructions (tone, perspective, conditional rules, "store X but not Y unless Z") is
 * ignored offline; negation inside X is not understood; matching is lexical, so synonyms the lexicon does not list are
 * missed.
 */
final class InstructionFilter {

    private static final Pattern EN_EXCLUDE = Pattern.compile(
        "(?:don't|do\\s+not|never|please\\s+don't|please\\s+do\\s+not)\\s+(?:store|save|remember|record|keep|memori[sz]e|"
            + "track|extract|log|include)\\s+(?:any\\s+)?([^.;!?\\n]+)|\\b(?:ignore|exclude|skip|avoid\\s+storing|"
            + "avoid\\s+remembering)\\s+(?:any\\s+)?([^.;!?\\n]+)",
        Pattern.CASE_INSENSITIVE);
    private static final Pattern EN_ONLY = Pattern.compile(
        "\\bonly\\s+(?:store|save|remember|record|keep|memori[sz]e|track|extract|include)\\s+(?:facts\\s+about\\s+)?"
            + "([^.;!?\\n]+)", Pattern.CASE_INSENSITIVE);
    private static final Pattern ZH_EXCLUDE = Pattern.compile(
        "(?:不要|别|请勿|不用|无需|不需要|禁止)(?:记录|保存|存储|记住|记|存)(?:任何)?([^。；！？\\n，,]+)|(?:忽略|排除|跳过)(?:任何)?([^。；！？\\n，,]+)");
    private static final Pattern ZH_ONLY = Pattern.compile("(?:只|仅)(?:需要|要)?(?:记录|保存|存储|记住|记|存)([^。；！？\\n，,]+)");

    private static final Set<String> EN_FILLER = Set.of(
        "information", "info", "details", "detail", "data", "anything", "stuff", "things", "facts", "fact", "about", "related",
        "the", "user", "user's", "users", "their", "any", "mentions", "mention", "of", "to", "or", "and", "my", "me",
        "regarding", "concerning", "memories", "memory", "topics", "topic", "personal", "that", "with", "from", "in");

    private final List<String> exclusions;
    private final List<String> inclusions;

    InstructionFilter(String instructions) {
        String text = instructions == null ? "" : instructions;
        this.exclusions = keywords(text, EN_EXCLUDE, ZH_EXCLUDE);
        this.inclusions = keywords(text, EN_ONLY, ZH_ONLY);
    }

    boolean isEmpty() {
        return exclusions.isEmpty() && inclusions.isEmpty();
    }

    boolean allows(Fact fact) {
        for (String k : exclusions) {
            if (mentions(fact, k)) return false;
        }
        if (inclusions.isEmpty()) return true;
        for (String k : inclusions) {
            if (mentions(fact, k)) return true;
        }
        return false;
    }

    private static boolean mentions(Fact fact, String keyword) {
        if (Categorizer.keywordPattern(keyword).matcher(fact.text()).find()) return true;
        String stem = Categorizer.stem(keyword);
        if (!stem.equals(keyword) && Categorizer.keywordPattern(stem).matcher(fact.text()).find()) return true;
        for (String category : fact.categories()) {
            if (Categorizer.categoryNamed(category, keyword) || Categorizer.categoryNamed(category, stem)) {
                return true;
            }
        }
        return false;
    }

    private static List<String> keywords(String text, Pattern english, Pattern chinese) {
        Set<String> out = new LinkedHashSet<>();
        Matcher en = english.matcher(text);
        while (en.find()) {
            String topic = en.group(1) != null ? en.group(1) : en.groupCount() > 1 ? en.group(2) : null;
            if (topic == null || Language.of(topic) == Language.ZH) continue;
            for (String w : topic.toLowerCase(Locale.ROOT).split("[^a-z0-9'-]+")) {
                if (w.length() >= 3 && !EN_FILLER.contains(w)) out.add(w);
            }
        }
        Matcher zh = chinese.matcher(text);
        while (zh.find()) {
            String topic = zh.group(1) != null ? zh.group(1) : zh.groupCount() > 1 ? zh.group(2) : null;
            if (topic == null) continue;
            for (String part : topic.split("[和、或及与跟/]|以及")) {
                String k = part.replaceAll("(?:用户|有关|相关|方面|的|信息|内容|任何|事情|东西|资料|数据)", "").strip();
                if (k.length() >= 1 && Language.of(k) == Language.ZH) out.add(k);
            }
        }
        return new ArrayList<>(out);
    }
}
