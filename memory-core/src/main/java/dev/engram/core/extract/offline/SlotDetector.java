package dev.engram.core.extract.offline;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds the single-valued attribute a first-person statement sets, so the reconciler can supersede an older memory
 * that holds a different value: {@code location}, {@code employer}, {@code job}, {@code name}, {@code age},
 * {@code relationship} and {@code favorite:<thing>}. Only statements whose grammatical subject is the speaker count:
 * "I live in Berlin" fills {@code location}; "My sister lives in Paris" and "我妹妹住在上海" fill nothing. Facts that can
 * coexist (likes, events, past jobs such as "I worked at IBM") get no slot.
 *
 * <p>Known limit: Chinese "我在X工作" is read as an employer even when X is a city.
 */
final class SlotDetector {

    static final String LOCATION = "location";
    static final String EMPLOYER = "employer";
    static final String JOB = "job";
    static final String NAME = "name";
    static final String AGE = "age";
    static final String RELATIONSHIP = "relationship";
    static final String FAVORITE = "favorite:";

    private record SlotPattern(String attribute, Pattern pattern) {
    }

    private static final String ADV = "(?:(?:now|currently|recently|just|finally|also|still|actually|officially|"
        + "already|newly|happily|proudly)\\s+)*";
    private static final String I_AM = "I(?:'m|’m|\\s+am)\\s+" + ADV;

    private static final String JOBS = "engineer|developer|programmer|scientist|analyst|manager|designer|consultant|"
        + "architect|teacher|professor|lecturer|doctor|physician|surgeon|nurse|dentist|pharmacist|lawyer|attorney|"
        + "accountant|student|researcher|writer|author|journalist|editor|artist|musician|photographer|chef|cook|baker|"
        + "waiter|waitress|barista|driver|pilot|mechanic|electrician|plumber|carpenter|farmer|firefighter|officer|"
        + "soldier|entrepreneur|founder|co-founder|ceo|cto|cfo|freelancer|intern|administrator|technician|therapist|"
        + "psychologist|veterinarian|vet|salesperson|marketer|recruiter|librarian|translator|retiree|homemaker|"
        + "director|cashier|clerk|assistant|banker|economist|tutor|coach|trainer|actor|actress|singer|dancer|"
        + "paramedic|scientist|specialist|coordinator|lead|sre|devops|tester|instructor|counselor|counsellor|"
        + "professional|worker|employee|contractor|owner|agent|representative|secretary|pharmacist|investor";

    private static final List<SlotPattern> ENGLISH = List.of(
        slot(NAME, "^(?:my\\s+(?:full\\s+|first\\s+|real\\s+)?name\\s+is|(?:you\\s+can\\s+|please\\s+)?call\\s+me|"
            + "I\\s+go\\s+by|people\\s+call\\s+me|everyone\\s+calls\\s+me)\\s+\\S"),
        slot(AGE, "^(?:" + I_AM + "(?:\\d{1,3})(?:\\s+(?:years?|yrs?)(?:\\s+old)?|\\s*y/?o)?(?:\\s*$|\\s*,|\\s+and\\b|\\s+now\\b|"
            + "\\s+this\\b)|I\\s+" + ADV + "turned\\s+\\d{1,3}\\b|my\\s+age\\s+is\\s+\\d)"),
        slot(LOCATION, "^(?:I\\s+" + ADV + "(?:live|reside|am\\s+living|have\\s+moved|have\\s+relocated|moved|relocated|"
            + "settled)\\s+(?:back\\s+)?(?:in|to|into|at)\\b|" + I_AM + "(?:living|based|located|settled)\\s+(?:in|at)\\b|"
            + "my\\s+(?:home|current\\s+home|address)\\s+is\\s+in\\b)"),
        slot(JOB, "^(?:I\\s+" + ADV + "(?:work|am\\s+working)\\s+as\\b|" + I_AM + "(?:working\\s+as|employed\\s+as)\\b|"
            + "my\\s+(?:job|profession|occupation|role|job\\s+title)\\s+is\\b|" + I_AM + "an?\\s+(?:[\\w-]+\\s+){0,3}?(?:"
            + JOBS + ")s?\\b)"),
        slot(EMPLOYER, "^(?:I\\s+" + ADV + "(?:work|am\\s+working)\\s+(?:at|for)\\b|" + I_AM
            + "(?:working|employed)\\s+(?:at|for|by)\\b|I\\s+" + ADV + "(?:joined|started\\s+(?:working\\s+)?at|"
            + "started\\s+a\\s+new\\s+job\\s+at|got\\s+a\\s+job\\s+at|got\\s+hired\\s+(?:by|at)|was\\s+hired\\s+by|"
            + "have\\s+joined)\\b|my\\s+(?:employer|company)\\s+is\\b)"),
        slot(RELATIONSHIP, "^(?:" + I_AM + "(?:not\\s+)?(?:married|single|engaged|divorced|widowed|separated|dating|"
            + "in\\s+a\\s+relationship|seeing\\s+someone)\\b|I\\s+" + ADV + "(?:got\\s+married|got\\s+engaged|"
            + "got\\s+divorced|married|broke\\s+up|have\\s+a\\s+(?:girlfriend|boyfriend|partner|wife|husband))\\b)"));

    private static final Pattern EN_FAVORITE = Pattern.compile(
        "^my\\s+(?:all[- ]time\\s+|absolute\\s+)?(?:favorite|favourite)\\s+([\\w\\s-]{1,30}?)\\s+(?:is|are|was|would\\s+be)\\b",
        Pattern.CASE_INSENSITIVE);
    private static final Pattern EN_FAVORITE_INVERTED = Pattern.compile(
        "\\b(?:is|are)\\s+my\\s+(?:all[- ]time\\s+|absolute\\s+)?(?:favorite|favourite)\\s+([\\w\\s-]{1,30}?)\\s*$",
        Pattern.CASE_INSENSITIVE);

    /** "I'm Alice" (case-sensitive capitalised name closing the statement) unless it is a nationality or state. */
    private static final Pattern EN_IM_NAME = Pattern.compile("^I(?:'m|’m|\\s+am)\\s+([A-Z][a-z]+(?:\\s+[A-Z][a-z]+)?)\\s*(?:,|$)");
    private static final Set<String> NOT_NAMES = Set.of(
        "american", "british", "chinese", "german", "french", "english", "indian", "japanese", "korean", "canadian",
        "italian", "spanish", "mexican", "russian", "brazilian", "australian", "irish", "dutch", "swedish", "polish",
        "christian", "muslim", "jewish", "buddhist", "catholic", "hindu", "vegan", "vegetarian", "fine", "good", "okay",
        "sorry", "back", "here", "ready", "done", "tired", "happy", "sure", "sad", "busy", "hungry", "excited", "new",
        "married", "single", "engaged", "retired", "bored", "great", "well", "home", "free", "late", "glad");

    /** Time words, adverbs and particles that may sit between 我 and the verb ("我上周搬到了…", "我现在住在…"). */
    private static final String ZH_SPAN = "[现在目前一直已经刚最近也还都今去明上下个周星期礼拜月天日昨前后本这年号终于正式马快要将打算准备计划了"
        + "0-9一二三四五六七八九十两早就才从是]{0,12}?";

    private static final List<SlotPattern> CHINESE = List.of(
        slot(NAME, "^(?:我(?:的)?(?:名字|姓名)(?:是|叫)|我叫|叫我|大家都叫我|我的名字叫)"),
        slot(AGE, "^(?:我" + ZH_SPAN + "(?:" + NumberWords.ZH_COUNT + ")(?:周)?岁|我的年龄是)"),
        slot(LOCATION, "^我" + ZH_SPAN + "(?:住在|住于|搬到|搬去|搬家到|搬回|定居在|定居于|定居|生活在)"),
        slot(JOB, "^(?:我" + ZH_SPAN + "(?:是|当|做|担任)了?(?:一名|一个|一位|个|名|位)?[^，。,]{0,12}?"
            + "(?:工程师|程序员|设计师|医生|老师|教师|教授|学生|护士|律师|会计|司机|厨师|总监|主管|经理|老板|创始人|博士生|研究生|"
            + "大学生|研究员|分析师|顾问|记者|编辑|作家|画家|摄影师|销售|产品经理|运营|店员|公务员|警察|军人|演员|歌手|"
            + "翻译|实习生|架构师|科学家|咨询师|会计师|药剂师|工人|农民|员|师)(?![，,]?[的])|我的(?:职业|工作|职位)是)"),
        slot(EMPLOYER, "^(?:我" + ZH_SPAN + "在(?!家)[^，。,]{1,20}?(?:工作|上班|任职|实习)|我" + ZH_SPAN
            + "(?:入职|加入)了?|我的(?:公司|雇主|东家)是)"),
        slot(RELATIONSHIP, "^我" + ZH_SPAN + "(?:结婚|已婚|单身|离婚|订婚|恋爱|谈恋爱|有(?:女|男)朋友|有对象|脱单|分手)"));

    private static final Pattern ZH_FAVORITE = Pattern.compile("^我最(?:喜欢|爱)的([^，。,]{1,10}?)(?:是|就是)");

    /** The attribute {@code statement} (first person, filler stripped) sets, or null. */
    String detect(String statement) {
        String s = statement.strip();
        if (Language.of(s) == Language.ZH) {
            Matcher fav = ZH_FAVORITE.matcher(s);
            if (fav.find()) return FAVORITE + fav.group(1).strip();
            return first(CHINESE, s);
        }
        Matcher fav = EN_FAVORITE.matcher(s);
        if (fav.find()) return FAVORITE + normalizeThing(fav.group(1));
        fav = EN_FAVORITE_INVERTED.matcher(s);
        if (fav.find()) return FAVORITE + normalizeThing(fav.group(1));
        String attribute = first(ENGLISH, s);
        if (attribute != null) return attribute;
        return introducedName(s) != null ? NAME : null;
    }

    private static final Pattern WHITESPACE = Pattern.compile("\\s+");

    /** The name in a self-introduction such as "I'm Alice" or "I am Alice Smith, …", or null. */
    static String introducedName(String statement) {
        Matcher name = EN_IM_NAME.matcher(statement.strip());
        if (!name.find() || NOT_NAMES.contains(WHITESPACE.split(name.group(1))[0].toLowerCase(Locale.ROOT))) return null;
        return name.group(1);
    }

    private static String first(List<SlotPattern> patterns, String s) {
        for (SlotPattern p : patterns) {
            if (p.pattern().matcher(s).find()) return p.attribute();
        }
        return null;
    }

    private static String normalizeThing(String thing) {
        return WHITESPACE.matcher(thing.strip().toLowerCase(Locale.ROOT)).replaceAll(" ");
    }

    private static SlotPattern slot(String attribute, String regex) {
        return new SlotPattern(attribute, Pattern.compile(regex, Pattern.CASE_INSENSITIVE));
    }
}
