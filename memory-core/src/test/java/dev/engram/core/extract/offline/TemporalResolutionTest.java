package dev.engram.core.extract.offline;

import dev.engram.core.extract.Fact;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;

import static dev.engram.core.extract.offline.Conversations.only;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Relative and absolute dates, resolved against the message time: Wednesday 2023-05-10 (its Monday-start week begins
 * 2023-05-08).
 */
class TemporalResolutionTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
        I went hiking today                          | User went hiking on 2023-05-10              | 2023-05-10
        I have a concert tonight                     | User has a concert on 2023-05-10            | 2023-05-10
        I went hiking yesterday                      | User went hiking on 2023-05-09              | 2023-05-09
        I went hiking the day before yesterday       | User went hiking on 2023-05-08              | 2023-05-08
        I'm flying to Rome tomorrow                  | User is flying to Rome on 2023-05-11        | 2023-05-11
        I went hiking last Saturday                  | User went hiking on 2023-05-06              | 2023-05-06
        I went hiking last Monday                    | User went hiking on 2023-05-08              | 2023-05-08
        I'm seeing my dentist this Friday            | User is seeing their dentist on 2023-05-12  | 2023-05-12
        I'm seeing my dentist next Tuesday           | User is seeing their dentist on 2023-05-16  | 2023-05-16
        I started a new job last week                | User started a new job in the week of 2023-05-01 | 2023-05-01
        I'm moving to Rome next week                 | User is moving to Rome in the week of 2023-05-15 | 2023-05-15
        I visited Japan last month                   | User visited Japan in April 2023            | 2023-04-01
        I'm visiting Japan next month                | User is visiting Japan in June 2023         | 2023-06-01
        I graduated last year                        | User graduated in 2022                      | 2022-01-01
        I plan to retire next year                   | User plans to retire in 2024                | 2024-01-01
        I have lived here since last year            | User has lived here since 2022              | 2022-01-01
        I adopted a cat 3 days ago                   | User adopted a cat on 2023-05-07            | 2023-05-07
        I adopted a cat three days ago               | User adopted a cat on 2023-05-07            | 2023-05-07
        I adopted a cat two weeks ago                | User adopted a cat in the week of 2023-04-24 | 2023-04-24
        I adopted a cat a month ago                  | User adopted a cat in April 2023            | 2023-04-01
        I adopted a cat five years ago               | User adopted a cat in 2018                  | 2018-01-01
        I'm leaving for Paris in 3 days              | User is leaving for Paris on 2023-05-13     | 2023-05-13
        I'm leaving for Paris in two weeks           | User is leaving for Paris in the week of 2023-05-22 | 2023-05-22
        I moved to Berlin last May                   | User moved to Berlin in May 2022            | 2022-05-01
        I moved to Berlin last March                 | User moved to Berlin in March 2023          | 2023-03-01
        I'm going camping this weekend               | User is going camping on the weekend of 2023-05-13 | 2023-05-13
        I went camping last weekend                  | User went camping on the weekend of 2023-05-06 | 2023-05-06
        """)
    void englishRelativeDates(String message, String expectedText, LocalDate expectedDay) {
        Fact fact = only(message);

        assertThat(fact.text()).isEqualTo(expectedText);
        assertThat(fact.eventTime()).isEqualTo(startOf(expectedDay));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
        我今天去爬山了         | 用户2023年5月10日去爬山了     | 2023-05-10
        我昨天去爬山了         | 用户2023年5月9日去爬山了      | 2023-05-09
        我前天去爬山了         | 用户2023年5月8日去爬山了      | 2023-05-08
        我明天去北京出差       | 用户2023年5月11日去北京出差   | 2023-05-11
        我后天去北京出差       | 用户2023年5月12日去北京出差   | 2023-05-12
        我上周搬到了上海       | 用户2023年5月1日那周搬到了上海 | 2023-05-01
        我上星期搬到了上海     | 用户2023年5月1日那周搬到了上海 | 2023-05-01
        我上个星期搬到了上海   | 用户2023年5月1日那周搬到了上海 | 2023-05-01
        我本周在家办公         | 用户2023年5月8日那周在家办公   | 2023-05-08
        我下周去日本旅游       | 用户2023年5月15日那周去日本旅游 | 2023-05-15
        我上周六去爬山了       | 用户2023年5月6日去爬山了      | 2023-05-06
        我上星期六去爬山了     | 用户2023年5月6日去爬山了      | 2023-05-06
        我这周五要去看牙医     | 用户2023年5月12日要去看牙医   | 2023-05-12
        我下周一开始新工作     | 用户2023年5月15日开始新工作   | 2023-05-15
        我上个月去了日本       | 用户2023年4月去了日本         | 2023-04-01
        我这个月在学游泳       | 用户2023年5月在学游泳         | 2023-05-01
        我下个月去日本旅游     | 用户2023年6月去日本旅游       | 2023-06-01
        我去年毕业了           | 用户2022年毕业了              | 2022-01-01
        我今年开始学钢琴       | 用户2023年开始学钢琴          | 2023-01-01
        我明年打算换工作       | 用户2024年打算换工作          | 2024-01-01
        我三天前去了北京       | 用户2023年5月7日去了北京      | 2023-05-07
        我5天前去了北京        | 用户2023年5月5日去了北京      | 2023-05-05
        我十二天前去了北京     | 用户2023年4月28日去了北京     | 2023-04-28
        我两个月前开始学吉他   | 用户2023年3月开始学吉他       | 2023-03-01
        我上周末去了杭州       | 用户2023年5月6日那个周末去了杭州 | 2023-05-06
        我这个周末要去看演唱会 | 用户2023年5月13日那个周末要去看演唱会 | 2023-05-13
        我大前天去了杭州       | 用户2023年5月7日去了杭州      | 2023-05-07
        我去年十月去了杭州     | 用户2022年10月去了杭州        | 2022-10-01
        我今年3月开始健身      | 用户2023年3月开始健身         | 2023-03-01
        """)
    void chineseRelativeDates(String message, String expectedText, LocalDate expectedDay) {
        Fact fact = only(message);

        assertThat(fact.text()).isEqualTo(expectedText);
        assertThat(fact.eventTime()).isEqualTo(startOf(expectedDay));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
        I got married on May 7, 2023            | User got married on May 7, 2023         | 2023-05-07
        I got married on 7 May 2023             | User got married on 7 May 2023          | 2023-05-07
        I got married on 2021-09-18             | User got married on 2021-09-18          | 2021-09-18
        I moved to Berlin in May 2023           | User moved to Berlin in May 2023        | 2023-05-01
        I graduated in 2019                     | User graduated in 2019                  | 2019-01-01
        我2023年5月7日结婚了                     | 用户2023年5月7日结婚了                  | 2023-05-07
        我2023年5月搬到了上海                    | 用户2023年5月搬到了上海                 | 2023-05-01
        我2019年毕业了                           | 用户2019年毕业了                        | 2019-01-01
        我3月15日去了北京                         | 用户3月15日去了北京                     | 2023-03-15
        """)
    void absoluteDatesAreKeptAndSetTheEventTime(String message, String expectedText, LocalDate expectedDay) {
        Fact fact = only(message);

        assertThat(fact.text()).isEqualTo(expectedText);
        assertThat(fact.eventTime()).isEqualTo(startOf(expectedDay));
    }

    @Test
    void withoutADateThereIsNoEventTime() {
        assertThat(only("I like jazz").eventTime()).isNull();
        assertThat(only("我喜欢爵士乐").eventTime()).isNull();
    }

    @Test
    void datesResolveInTheRequestZone() {
        // 23:30 in Shanghai on Wednesday is still Wednesday 15:30 UTC; "yesterday" there is Tuesday in Shanghai
        ZoneId shanghai = ZoneId.of("Asia/Shanghai");
        Instant lateEvening = Instant.parse("2023-05-10T15:30:00Z");
        TemporalResolver.Result r = new TemporalResolver().resolve("我昨天去了北京", LocalDate.ofInstant(lateEvening, shanghai), shanghai);

        assertThat(r.text()).isEqualTo("我2023年5月9日去了北京");
        assertThat(r.eventTime()).isEqualTo(LocalDate.of(2023, 5, 9).atStartOfDay(shanghai).toInstant());
    }

    @Test
    void messageTimestampWinsOverReferenceTime() {
        var message = dev.engram.core.domain.Message.user("I went hiking yesterday").at(Instant.parse("2022-01-03T09:00:00Z"));
        Fact fact = Conversations.extract(dev.engram.core.domain.Scope.user("u1"), null, Conversations.DEFAULT_CATEGORIES, message)
            .facts().get(0);

        assertThat(fact.text()).isEqualTo("User went hiking on 2022-01-02");
    }

    @Test
    void modalMayIsNotAMonth() {
        assertThat(new TemporalResolver().resolve("I think this may help", LocalDate.of(2023, 5, 10), Conversations.UTC).eventTime())
            .isNull();
    }

    private static Instant startOf(LocalDate day) {
        return day.atStartOfDay(Conversations.UTC).toInstant();
    }

    @Test
    void thisYearWithAnAgeStatesTheAgeNotADate() {
        Fact fact = Conversations.only("我今年二十八岁");
        assertThat(fact.text()).isEqualTo("用户今年二十八岁");
        assertThat(fact.eventTime()).isNull();
        assertThat(Conversations.only("我今年开始学钢琴").text()).isEqualTo("用户2023年开始学钢琴");
    }
}
