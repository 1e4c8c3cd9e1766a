package dev.engram.core.engine;

import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.regex.MatchResult;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The time a search question speaks of: its time expressions ("yesterday", "last week", "two months ago", "in May",
 * "recently", "last Saturday", "2023-05-07", 昨天, 上周, 上个月, 去年, 5月) resolved against the reference time (the
 * question's "now") into one window of days, and the question without them (so the keyword side does not look for the
 * words "last week"). Several expressions give the window that covers them all.
 *
 * <p>Conventions: weeks start on Monday; "last week" / 上周 is the calendar week before the reference's; "last Saturday"
 * and a bare weekday are the latest such day strictly before the reference day; "this Saturday" is that day of the
 * reference's week; "in May" / 5月 without a year is the latest May not after the reference's month; "N weeks ago" is
 * the week holding the day N×7 days before (months and years likewise); "in the past N days" and "recently" (the last
 * 30 days) end with the reference day.
 */
public final class QueryTime {

    /**
     * @param query the question without its time expressions (the question itself when it has none)
     * @param from  first instant of the window (inclusive), null when the question names no time
     * @param to    end of the window (exclusive), null when the question names no time
     */
    public record Resolved(String query, Instant from, Instant to) {

        public boolean hasWindow() {
            return from != null;
        }
    }

    private record Days(LocalDate from, LocalDate until) {
    }

    private record Rule(Pattern pattern, BiFunction<MatchResult, LocalDate, Days> window) {
    }

    private static final String MONTH = "january|february|march|april|may|june|july|august|september|october|november|december"
            + "|jan|feb|mar|apr|jun|jul|aug|sept|sep|oct|nov|dec";
    private static final String WEEKDAY = "monday|tuesday|wednesday|thursday|friday|saturday|sunday";
    private static final String COUNT = "\\d{1,3}|an?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|a\\s+couple\\s+of|a\\s+few|several";
    private static final String UNIT = "day|week|month|year";
    private static final String ZH_NUM = "\\d{1,2}|[一二两三四五六七八九十]{1,3}";
    private static final int RECENT_DAYS = 30;

    private static final List<Rule> RULES = List.of(
            // explicit dates
            en("(?:on\\s+)?(\\d{4})-(\\d{1,2})-(\\d{1,2})", (m, d) -> day(date(m.group(1), m.group(2), m.group(3)))),
            en("(?:on\\s+)?(" + MONTH + ")\\.?\\s+(\\d{1,2})(?:st|nd|rd|th)?(?:,?\\s+(\\d{4}))?",
                    (m, d) -> day(dayOf(month(m.group(1)), Integer.parseInt(m.group(2)), m.group(3), d))),
            en("(?:on\\s+)?(?:the\\s+)?(\\d{1,2})(?:st|nd|rd|th)?\\s+(?:of\\s+)?(" + MONTH + ")(?:,?\\s+(\\d{4}))?",
                    (m, d) -> day(dayOf(month(m.group(2)), Integer.parseInt(m.group(1)), m.group(3), d))),
            en("(?:in|during|since|of)\\s+(?:early\\s+|late\\s+|mid-?\\s*)?(" + MONTH + ")(?:,?\\s+(\\d{4}))?",
                    (m, d) -> monthOf(month(m.group(1)), m.group(2), d)),
            en("(" + MONTH + ")\\s+(\\d{4})", (m, d) -> monthOf(month(m.group(1)), m.group(2), d)),
            en("last\\s+(" + MONTH + ")", (m, d) -> monthOf(month(m.group(1)), null, d.minusMonths(1))),
            en("(?:in|during)\\s+((?:19|20)\\d{2})", (m, d) -> year(Integer.parseInt(m.group(1)))),
            // relative days
            en("the\\s+day\\s+before\\s+yesterday", (m, d) -> day(d.minusDays(2))),
            en("yesterday|last\\s+night", (m, d) -> day(d.minusDays(1))),
            en("(?<!before\\s|until\\s|after\\s)(?:today|tonight|this\\s+(?:morning|afternoon|evening))", (m, d) -> day(d)),
            en("the\\s+other\\s+day", (m, d) -> new Days(d.minusDays(7), d.plusDays(1))),
            en("(?:in\\s+|over\\s+|during\\s+|within\\s+)?the\\s+(?:past|last|previous)\\s+(?:(" + COUNT + ")\\s+)?(" + UNIT + ")s?",
                    (m, d) -> past(m.group(1), m.group(2), d)),
            en("(" + COUNT + ")\\s+(" + UNIT + ")s?\\s+ago", (m, d) -> ago(count(m.group(1)), m.group(2), d)),
            en("(?:the\\s+)?(last|this|past)\\s+weekend", (m, d) -> weekend(m.group(1), d)),
            en("(?:in\\s+)?(?:the\\s+)?(last|this|previous|past)\\s+(week|month|year)", (m, d) -> period(m.group(1), m.group(2), d)),
            en("(last|this|past|on)\\s+(" + WEEKDAY + ")(?!\\s+(?:morning|afternoon|evening|night)s)", (m, d) -> weekday(m.group(1), m.group(2), d)),
            en("(?<!most\\s|mostly\\s)(?:recently|lately|these\\s+days|of\\s+late)", (m, d) -> new Days(d.minusDays(RECENT_DAYS), d.plusDays(1))),
            // Chinese
            zh("前天", (m, d) -> day(d.minusDays(2))),
            zh("昨天|昨晚|昨日", (m, d) -> day(d.minusDays(1))),
            zh("今天|今晚|今日", (m, d) -> day(d)),
            zh("上(?:个)?周末", (m, d) -> weekend("last", d)),
            zh("(上|这|本)(?:个)?(?:周|星期|礼拜)([一二三四五六日天])",
                    (m, d) -> weekdayIn(m.group(1).equals("上") ? week(d).minusWeeks(1) : week(d), m.group(2))),
            zh("上(?:个)?(?:周|星期|礼拜)", (m, d) -> period("last", "week", d)),
            zh("(?:这|本)(?:个)?(?:周|星期|礼拜)", (m, d) -> period("this", "week", d)),
            zh("上(?:个)?月", (m, d) -> period("last", "month", d)),
            zh("(?:这|本)(?:个)?月", (m, d) -> period("this", "month", d)),
            zh("(去|今)年(" + ZH_NUM + ")月", (m, d) -> {
                int y = d.getYear() - (m.group(1).equals("去") ? 1 : 0);
                return new Days(LocalDate.of(y, zhNumber(m.group(2)), 1), LocalDate.of(y, zhNumber(m.group(2)), 1).plusMonths(1));
            }),
            zh("去年", (m, d) -> year(d.getYear() - 1)),
            zh("今年", (m, d) -> year(d.getYear())),
            zh("(" + ZH_NUM + ")(天|周|个?星期|个?月|年)(?:以)?前", (m, d) -> ago(zhNumber(m.group(1)), zhUnit(m.group(2)), d)),
            zh("(" + ZH_NUM + ")月(" + ZH_NUM + ")[日号]", (m, d) -> day(dayOf(zhNumber(m.group(1)), zhNumber(m.group(2)), null, d))),
            zh("(" + ZH_NUM + ")月(?:份)?", (m, d) -> monthOf(zhNumber(m.group(1)), null, d)),
            zh("(?:上)?(?:周|星期)([一二三四五六日天])", (m, d) -> weekday(null, zhWeekday(m.group(1)), d)),
            zh("最近|近来|近期", (m, d) -> new Days(d.minusDays(RECENT_DAYS), d.plusDays(1))));

    private QueryTime() {
    }

    /**
     * @param reference the question's "now"; null gives the query unchanged and no window
     * @param zone      the zone whose calendar days the expressions name
     */
    public static Resolved resolve(String query, Instant reference, ZoneId zone) {
        if (reference == null || query == null) return new Resolved(query, null, null);
        LocalDate today = reference.atZone(zone).toLocalDate();
        String rest = query;
        LocalDate from = null, until = null;
        for (Rule rule : RULES) {
            Matcher m = rule.pattern().matcher(rest);
            StringBuilder kept = new StringBuilder();
            int last = 0;
            while (m.find()) {
                Days w;
                try {
                    w = rule.window().apply(m.toMatchResult(), today);
                } catch (DateTimeException | IllegalArgumentException e) {
                    continue; // "February 30": not a date, left as written
                }
                if (w == null) continue;
                from = from == null || w.from().isBefore(from) ? w.from() : from;
                until = until == null || w.until().isAfter(until) ? w.until() : until;
                kept.append(rest, last, m.start()).append(' ');
                last = m.end();
            }
            if (last > 0) rest = kept.append(rest, last, rest.length()).toString();
        }
        if (from == null) return new Resolved(query, null, null);
        String cleaned = rest.replaceAll("\\s+", " ").replaceAll("\\s+([?.!,;:？。！，])", "$1").strip();
        return new Resolved(cleaned.isEmpty() ? query : cleaned, from.atStartOfDay(zone).toInstant(), until.atStartOfDay(zone).toInstant());
    }

    private static Rule en(String regex, BiFunction<MatchResult, LocalDate, Days> window) {
        return new Rule(Pattern.compile("(?<![\\p{L}\\p{N}])(?:" + regex + ")(?![\\p{L}\\p{N}])", Pattern.CASE_INSENSITIVE), window);
    }

    private static Rule zh(String regex, BiFunction<MatchResult, LocalDate, Days> window) {
        return new Rule(Pattern.compile(regex), window);
    }

    private static Days day(LocalDate d) {
        return new Days(d, d.plusDays(1));
    }

    private static Days year(int y) {
        return new Days(LocalDate.of(y, 1, 1), LocalDate.of(y + 1, 1, 1));
    }

    private static LocalDate week(LocalDate d) {
        return d.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
    }

    private static LocalDate date(String y, String m, String d) {
        return LocalDate.of(Integer.parseInt(y), Integer.parseInt(m), Integer.parseInt(d));
    }

    /** A day and month; without a year, the latest such day not after the reference day. */
    private static LocalDate dayOf(int month, int day, String year, LocalDate today) {
        if (year != null) return LocalDate.of(Integer.parseInt(year), month, day);
        LocalDate d = LocalDate.of(today.getYear(), month, day);
        return d.isAfter(today) ? LocalDate.of(today.getYear() - 1, month, day) : d;
    }

    /** A month; without a year, the latest such month not after the reference's month. */
    private static Days monthOf(int month, String year, LocalDate today) {
        int y = year != null ? Integer.parseInt(year) : month > today.getMonthValue() ? today.getYear() - 1 : today.getYear();
        LocalDate start = LocalDate.of(y, month, 1);
        return new Days(start, start.plusMonths(1));
    }

    private static Days past(String count, String unit, LocalDate today) {
        int n = count == null ? 1 : count(count);
        return new Days(minus(today, n, unit), today.plusDays(1));
    }

    private static LocalDate minus(LocalDate d, int n, String unit) {
        return switch (unit.toLowerCase(Locale.ROOT)) {
            case "day" -> d.minusDays(n);
            case "week" -> d.minusWeeks(n);
            case "month" -> d.minusMonths(n);
            default -> d.minusYears(n);
        };
    }

    private static Days ago(int n, String unit, LocalDate today) {
        LocalDate d = minus(today, n, unit);
        return switch (unit.toLowerCase(Locale.ROOT)) {
            case "day" -> day(d);
            case "week" -> new Days(week(d), week(d).plusWeeks(1));
            case "month" -> new Days(d.withDayOfMonth(1), d.withDayOfMonth(1).plusMonths(1));
            default -> year(d.getYear());
        };
    }

    private static Days period(String which, String unit, LocalDate today) {
        boolean last = !which.equalsIgnoreCase("this");
        return switch (unit.toLowerCase(Locale.ROOT)) {
            case "week" -> {
                LocalDate start = last ? week(today).minusWeeks(1) : week(today);
                yield new Days(start, start.plusWeeks(1));
            }
            case "month" -> {
                LocalDate start = (last ? today.minusMonths(1) : today).withDayOfMonth(1);
                yield new Days(start, start.plusMonths(1));
            }
            default -> year(last ? today.getYear() - 1 : today.getYear());
        };
    }

    private static Days weekend(String which, LocalDate today) {
        LocalDate saturday = week(today).plusDays(5);
        if (!which.equalsIgnoreCase("this")) saturday = saturday.minusWeeks(1);
        return new Days(saturday, saturday.plusDays(2));
    }

    private static Days weekday(String which, String name, LocalDate today) {
        DayOfWeek dow = DayOfWeek.valueOf(name.toUpperCase(Locale.ROOT));
        if ("this".equalsIgnoreCase(which)) return day(week(today).plusDays(dow.getValue() - 1));
        return day(today.with(TemporalAdjusters.previous(dow)));
    }

    private static Days weekdayIn(LocalDate monday, String zh) {
        return day(monday.plusDays(DayOfWeek.valueOf(zhWeekday(zh)).getValue() - 1));
    }

    private static String zhWeekday(String zh) {
        return switch (zh) {
            case "一" -> "MONDAY";
            case "二" -> "TUESDAY";
            case "三" -> "WEDNESDAY";
            case "四" -> "THURSDAY";
            case "五" -> "FRIDAY";
            case "六" -> "SATURDAY";
            default -> "SUNDAY";
        };
    }

    private static String zhUnit(String zh) {
        if (zh.equals("天")) return "day";
        if (zh.endsWith("月")) return "month";
        if (zh.equals("年")) return "year";
        return "week";
    }

    private static final Map<String, Integer> EN_NUMBERS = Map.ofEntries(Map.entry("a", 1), Map.entry("an", 1), Map.entry("one", 1),
            Map.entry("two", 2), Map.entry("three", 3), Map.entry("four", 4), Map.entry("five", 5), Map.entry("six", 6),
            Map.entry("seven", 7), Map.entry("eight", 8), Map.entry("nine", 9), Map.entry("ten", 10), Map.entry("eleven", 11),
            Map.entry("twelve", 12), Map.entry("a couple of", 2), Map.entry("a few", 3), Map.entry("several", 3));

    private static int count(String word) {
        String w = word.toLowerCase(Locale.ROOT).replaceAll("\\s+", " ");
        if (Character.isDigit(w.charAt(0))) return Integer.parseInt(w);
        Integer n = EN_NUMBERS.get(w);
        if (n == null) throw new IllegalArgumentException(word);
        return n;
    }

    /** 1..99 in digits or Chinese numerals (三, 十二, 二十, 两). */
    static int zhNumber(String s) {
        if (Character.isDigit(s.charAt(0))) return Integer.parseInt(s);
        String digits = "零一二三四五六七八九";
        int ten = s.indexOf('十');
        if (ten < 0) return s.equals("两") ? 2 : digits.indexOf(s.charAt(0));
        int tens = ten == 0 ? 1 : s.charAt(0) == '两' ? 2 : digits.indexOf(s.charAt(0));
        int ones = ten == s.length() - 1 ? 0 : digits.indexOf(s.charAt(ten + 1));
        return tens * 10 + ones;
    }

    private static int month(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        String[] prefixes = {"jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"};
        for (int i = 0; i < prefixes.length; i++) if (n.startsWith(prefixes[i])) return i + 1;
        throw new IllegalArgumentException(name);
    }
}
