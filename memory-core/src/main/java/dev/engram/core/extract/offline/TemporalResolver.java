package dev.engram.core.extract.offline;

import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.Month;
import java.time.ZoneId;
import java.time.format.TextStyle;
import java.time.temporal.TemporalAdjusters;
import java.util.List;
import java.util.Locale;
import java.util.regex.MatchResult;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Replaces relative time expressions with absolute dates, resolved against the date the message was said (in the
 * request's zone), and reports the first date mentioned as the fact's event time (the start of that day, week, month
 * or year in the zone).
 *
 * <p>Conventions (weeks start on Monday, as in ISO-8601 and in Chinese usage):
 * <ul>
 *   <li>"last week" / 上周 = the Monday-start week before the message's week, written "in the week of 2023-05-01" /
 *       "2023年5月1日那周"; "this week" / 本周 / 这周 = the message's week; "next week" / 下周 = the week after.</li>
 *   <li>"last Saturday" = the most recent Saturday strictly before the message day (from Wednesday 2023-05-10 that is
 *       2023-05-06, 4 days earlier); "next Saturday" = the first Saturday strictly after it; "this Saturday" = the Saturday
 *       of the message's week. 上周六 / 下周一 / 这周五 = that weekday in the previous / next / same Monday-start week.</li>
 *   <li>"this weekend" / 这个周末 = the Saturday of the message's week, "last weekend" / 上周末 the one before, "next
 *       weekend" / 下周末 the one after, written "on the weekend of 2023-05-13" / "2023年5月13日那个周末".</li>
 *   <li>去年十月 / 今年3月 = that month of last / this year, written 2022年10月.</li>
 *   <li>"last May" = the most recent May before the message's month; "next May" = the first May after it.</li>
 *   <li>"N weeks ago" = the week containing the day N×7 days earlier; "N months ago" = that calendar month; "N years
 *       ago" = that year; "in N days" and N天后 count forward the same way.</li>
 *   <li>Absolute dates ("May 7, 2023", "2023-05-07", "in May 2023", "in 2022", "2023年5月7日", "2023年5月", "2022年") are
 *       left as written and set the event time; a day and month without a year take the message's year.</li>
 * </ul>
 * Resolved dates are written naturally: "on 2023-05-06" (day), "in the week of 2023-05-01" (week), "in May 2023" (month), "in 2022" (year) — without the
 * leading "on"/"in" after a preposition ("since 2022") — and 2023年5月6日 / 2023年5月 / 2022年 in Chinese.
 */
final class TemporalResolver {

    /** The text with relative expressions replaced, and the start of the first date it mentions (null if none). */
    record Result(String text, Instant eventTime) {
    }

    private enum Granularity { DAY, WEEKEND, WEEK, MONTH, YEAR }

    private record Resolved(LocalDate start, Granularity granularity, boolean absolute) {
    }

    @FunctionalInterface
    private interface Resolution {
        Resolved resolve(MatchResult m, LocalDate today);
    }

    private record Rule(Pattern pattern, Resolution resolution) {
    }

    private static final String MONTH = "january|february|march|april|may|june|july|august|september|october|november|"
        + "december|jan|feb|mar|apr|jun|jul|aug|sept|sep|oct|nov|dec";
    private static final String WEEKDAY = "monday|tuesday|wednesday|thursday|friday|saturday|sunday";
    private static final String ZH_MONTH = "1[0-2]|[1-9]|十[一二]?|[一二三四五六七八九]";
    private static final String ORDINAL = "(?:st|nd|rd|th)?";
    private static final Pattern EN_PREPOSITION_BEFORE = Pattern.compile(
        "\\b(?:on|in|since|from|until|till|by|before|after|during|of|for|through|around|about)\\s*$", Pattern.CASE_INSENSITIVE);

    private static final List<Rule> RULES = List.of(
        // English, relative
        en("the\\s+day\\s+before\\s+yesterday", (m, d) -> day(d.minusDays(2))),
        en("the\\s+day\\s+after\\s+tomorrow", (m, d) -> day(d.plusDays(2))),
        en("yesterday|last\\s+night", (m, d) -> day(d.minusDays(1))),
        en("today|tonight|this\\s+(?:morning|afternoon|evening)", (m, d) -> day(d)),
        en("tomorrow", (m, d) -> day(d.plusDays(1))),
        en("(last|this|next|coming)\\s+(" + WEEKDAY + ")", (m, d) -> weekdayEn(m.group(1), m.group(2), d)),
        en("(last|this|next|the\\s+coming)\\s+weekend", (m, d) -> weekend(m.group(1), d)),
        en("(last|this|next)\\s+(week|month|year)", (m, d) -> periodEn(m.group(1), m.group(2), d)),
        en("(last|this|next)\\s+(" + MONTH + ")", (m, d) -> monthEn(m.group(1), m.group(2), d)),
        en("(" + NumberWords.EN_COUNT + ")\\s+(day|week|month|year)s?\\s+ago",
            (m, d) -> offset(d, -NumberWords.english(m.group(1)), m.group(2))),
        en("in\\s+(" + NumberWords.EN_COUNT + ")\\s+(day|week|month|year)s?",
            (m, d) -> offset(d, NumberWords.english(m.group(1)), m.group(2))),
        // English, absolute
        en("(" + MONTH + ")\\.?\\s+(\\d{1,2})" + ORDINAL + ",?\\s+(\\d{4})",
            (m, d) -> absolute(LocalDate.of(year(m.group(3)), month(m.group(1)), Integer.parseInt(m.group(2))), Granularity.DAY)),
        en("(\\d{1,2})" + ORDINAL + "\\s+(?:of\\s+)?(" + MONTH + ")\\.?,?\\s+(\\d{4})",
            (m, d) -> absolute(LocalDate.of(year(m.group(3)), month(m.group(2)), Integer.parseInt(m.group(1))), Granularity.DAY)),
        en("(\\d{4})-(\\d{1,2})-(\\d{1,2})", (m, d) -> absolute(LocalDate.of(year(m.group(1)),
            Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3))), Granularity.DAY)),
        en("(" + MONTH + ")\\.?,?\\s+((?:19|20)\\d{2})",
            (m, d) -> absolute(LocalDate.of(year(m.group(2)), month(m.group(1)), 1), Granularity.MONTH)),
        en("(?:on\\s+)(" + MONTH + ")\\.?\\s+(\\d{1,2})" + ORDINAL,
            (m, d) -> absolute(LocalDate.of(d.getYear(), month(m.group(1)), Integer.parseInt(m.group(2))), Granularity.DAY)),
        en("(?:in|since|during|from|until|of)\\s+((?:19|20)\\d{2})",
            (m, d) -> absolute(LocalDate.of(year(m.group(1)), 1, 1), Granularity.YEAR)),
        // Chinese, relative
        zh("大前天", (m, d) -> day(d.minusDays(3))),
        zh("前天", (m, d) -> day(d.minusDays(2))),
        zh("昨天|昨晚|昨日", (m, d) -> day(d.minusDays(1))),
        zh("今天|今晚|今早|今日", (m, d) -> day(d)),
        zh("明天|明晚|明日", (m, d) -> day(d.plusDays(1))),
        zh("大后天", (m, d) -> day(d.plusDays(3))),
        zh("后天", (m, d) -> day(d.plusDays(2))),
        zh("(上上|上|下下|下|这|本)个?(?:周|星期|礼拜)([一二三四五六日天])?(?!末)", TemporalResolver::weekZh),
        zh("(上|下|这|本)个?(?:周末|星期末|礼拜末)", (m, d) -> saturdayOfWeek(d, shift(m.group(1)))),
        zh("(上|下|这|本)个?月(?!份)", (m, d) -> month(d.withDayOfMonth(1).plusMonths(shift(m.group(1))))),
        zh("(前|去|今|明)年(" + ZH_MONTH + ")月(?:份)?", (m, d) -> month(LocalDate.of(d.getYear() + yearShift(m.group(1)),
            NumberWords.chinese(m.group(2)), 1))),
        // "今年35岁" states an age, not when something happened: the year stays as said
        zh("(前|去|今|明|(?<![以之然最])后)年(?!\\s*(?:" + NumberWords.ZH_COUNT + ")\\s*(?:周)?岁)",
            (m, d) -> year(d.getYear() + yearShift(m.group(1)))),
        zh("(" + NumberWords.ZH_COUNT + ")个?(天|日|周|星期|礼拜|月|年)(?:之|以)?前",
            (m, d) -> offset(d, -NumberWords.chinese(m.group(1)), unitZh(m.group(2)))),
        zh("(" + NumberWords.ZH_COUNT + ")个?(天|日|周|星期|礼拜|月|年)(?:之|以)?后",
            (m, d) -> offset(d, NumberWords.chinese(m.group(1)), unitZh(m.group(2)))),
        // Chinese, absolute
        zh("(\\d{4})年(\\d{1,2})月(\\d{1,2})[日号]", (m, d) -> absolute(LocalDate.of(year(m.group(1)),
            Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3))), Granularity.DAY)),
        zh("(\\d{4})年(\\d{1,2})月", (m, d) -> absolute(LocalDate.of(year(m.group(1)), Integer.parseInt(m.group(2)), 1),
            Granularity.MONTH)),
        zh("(\\d{4})年(?![前后])", (m, d) -> absolute(LocalDate.of(year(m.group(1)), 1, 1), Granularity.YEAR)),
        zh("(\\d{1,2})月(\\d{1,2})[日号]", (m, d) -> absolute(LocalDate.of(d.getYear(), Integer.parseInt(m.group(1)),
            Integer.parseInt(m.group(2))), Granularity.DAY)));

    /**
     * @param text  a statement
     * @param today the day the statement was made, in {@code zone}
     */
    Result resolve(String text, LocalDate today, ZoneId zone) {
        StringBuilder out = new StringBuilder();
        Instant eventTime = null;
        int pos = 0;
        while (pos < text.length()) {
            Matcher best = null;
            Rule bestRule = null;
            for (Rule rule : RULES) {
                Matcher m = rule.pattern().matcher(text);
                if (!m.find(pos)) continue;
                if (best == null || m.start() < best.start() || (m.start() == best.start() && m.end() > best.end())) {
                    best = m;
                    bestRule = rule;
                }
            }
            if (best == null) break;
            Resolved resolved;
            try {
                resolved = bestRule.resolution().resolve(best.toMatchResult(), today);
            } catch (DateTimeException | IllegalArgumentException e) {
                resolved = null; // "February 30": leave as written
            }
            out.append(text, pos, best.start());
            if (resolved == null || resolved.absolute()) {
                out.append(text, best.start(), best.end());
            } else {
                out.append(render(resolved, Language.of(best.group()) == Language.ZH, out));
            }
            if (resolved != null && eventTime == null) {
                eventTime = resolved.start().atStartOfDay(zone).toInstant();
            }
            pos = best.end();
        }
        out.append(text.substring(Math.min(pos, text.length())));
        return new Result(out.toString(), eventTime);
    }

    private static String render(Resolved r, boolean chinese, CharSequence before) {
        LocalDate s = r.start();
        if (chinese) {
            return switch (r.granularity()) {
                case DAY -> s.getYear() + "年" + s.getMonthValue() + "月" + s.getDayOfMonth() + "日";
                case WEEKEND -> s.getYear() + "年" + s.getMonthValue() + "月" + s.getDayOfMonth() + "日那个周末";
                case WEEK -> s.getYear() + "年" + s.getMonthValue() + "月" + s.getDayOfMonth() + "日那周";
                case MONTH -> s.getYear() + "年" + s.getMonthValue() + "月";
                case YEAR -> s.getYear() + "年";
            };
        }
        boolean afterPreposition = EN_PREPOSITION_BEFORE.matcher(before).find();
        return switch (r.granularity()) {
            case DAY -> (afterPreposition ? "" : "on ") + s;
            case WEEKEND -> (afterPreposition ? "" : "on ") + "the weekend of " + s;
            case WEEK -> (afterPreposition ? "" : "in ") + "the week of " + s;
            case MONTH -> (afterPreposition ? "" : "in ") + s.getMonth().getDisplayName(TextStyle.FULL, Locale.ENGLISH)
                + " " + s.getYear();
            case YEAR -> (afterPreposition ? "" : "in ") + s.getYear();
        };
    }

    private static Rule en(String regex, Resolution resolution) {
        return new Rule(Pattern.compile("\\b(?:" + regex + ")\\b", Pattern.CASE_INSENSITIVE), resolution);
    }

    private static Rule zh(String regex, Resolution resolution) {
        return new Rule(Pattern.compile(regex), resolution);
    }

    private static Resolved day(LocalDate d) {
        return new Resolved(d, Granularity.DAY, false);
    }

    private static Resolved week(LocalDate anyDay) {
        return new Resolved(anyDay.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY)), Granularity.WEEK, false);
    }

    private static Resolved month(LocalDate anyDay) {
        return new Resolved(anyDay.withDayOfMonth(1), Granularity.MONTH, false);
    }

    private static Resolved year(int year) {
        return new Resolved(LocalDate.of(year, 1, 1), Granularity.YEAR, false);
    }

    private static Resolved absolute(LocalDate d, Granularity g) {
        return new Resolved(d, g, true);
    }

    private static int year(String digits) {
        return Integer.parseInt(digits);
    }

    private static Month month(String name) {
        String prefix = name.toLowerCase(Locale.ROOT).substring(0, 3);
        for (Month m : Month.values()) {
            if (m.name().toLowerCase(Locale.ROOT).startsWith(prefix)) return m;
        }
        throw new IllegalArgumentException("Unknown month " + name);
    }

    private static DayOfWeek weekday(String name) {
        return DayOfWeek.valueOf(name.toUpperCase(Locale.ROOT));
    }

    private static Resolved weekdayEn(String which, String dayName, LocalDate d) {
        DayOfWeek target = weekday(dayName);
        return switch (which.toLowerCase(Locale.ROOT)) {
            case "last" -> day(d.with(TemporalAdjusters.previous(target)));
            case "this" -> day(d.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY)).plusDays(target.getValue() - 1L));
            default -> day(d.with(TemporalAdjusters.next(target)));
        };
    }

    /** A weekend is reported by its Saturday: "this weekend" is the Saturday of the message's Monday-start week. */
    private static Resolved weekend(String which, LocalDate d) {
        int shift = switch (which.toLowerCase(Locale.ROOT)) {
            case "last" -> -1;
            case "this" -> 0;
            default -> 1;
        };
        return saturdayOfWeek(d, shift);
    }

    private static Resolved saturdayOfWeek(LocalDate d, int weekShift) {
        LocalDate monday = d.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY)).plusWeeks(weekShift);
        return new Resolved(monday.plusDays(5), Granularity.WEEKEND, false);
    }

    private static Resolved periodEn(String which, String unit, LocalDate d) {
        int shift = switch (which.toLowerCase(Locale.ROOT)) {
            case "last" -> -1;
            case "next" -> 1;
            default -> 0;
        };
        return offset(d, shift, unit);
    }

    private static Resolved monthEn(String which, String monthName, LocalDate d) {
        if (monthName.equals("may")) return null; // "this may help": the modal verb, not the month
        Month target = month(monthName);
        int current = d.getMonthValue();
        int year = switch (which.toLowerCase(Locale.ROOT)) {
            case "last" -> target.getValue() < current ? d.getYear() : d.getYear() - 1;
            case "next" -> target.getValue() > current ? d.getYear() : d.getYear() + 1;
            default -> d.getYear();
        };
        return month(LocalDate.of(year, target, 1));
    }

    /** {@code amount} units away from {@code d}, at the unit's granularity ("week" gives that day's Monday-start week). */
    private static Resolved offset(LocalDate d, int amount, String unit) {
        return switch (unit.toLowerCase(Locale.ROOT)) {
            case "day" -> day(d.plusDays(amount));
            case "week" -> week(d.plusWeeks(amount));
            case "month" -> month(d.plusMonths(amount));
            default -> year(d.getYear() + amount);
        };
    }

    private static String unitZh(String unit) {
        return switch (unit) {
            case "天", "日" -> "day";
            case "周", "星期", "礼拜" -> "week";
            case "月" -> "month";
            default -> "year";
        };
    }

    private static int shift(String marker) {
        return switch (marker) {
            case "上上" -> -2;
            case "上" -> -1;
            case "下" -> 1;
            case "下下" -> 2;
            default -> 0;
        };
    }

    private static int yearShift(String marker) {
        return switch (marker) {
            case "前" -> -2;
            case "去" -> -1;
            case "明" -> 1;
            case "后" -> 2;
            default -> 0;
        };
    }

    private static Resolved weekZh(MatchResult m, LocalDate d) {
        LocalDate monday = d.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY)).plusWeeks(shift(m.group(1)));
        String dayChar = m.group(2);
        if (dayChar == null) return new Resolved(monday, Granularity.WEEK, false);
        int index = "一二三四五六日".indexOf(dayChar.equals("天") ? "日" : dayChar);
        return day(monday.plusDays(index));
    }
}
