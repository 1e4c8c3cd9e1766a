package dev.engram.core.engine;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;

import static org.assertj.core.api.Assertions.assertThat;

class QueryTimeTest {

    /** Wednesday 2023-05-10, 15:30 UTC. */
    private static final Instant WEDNESDAY = Instant.parse("2023-05-10T15:30:00Z");

    private static QueryTime.Resolved resolve(String query) {
        return QueryTime.resolve(query, WEDNESDAY, ZoneOffset.UTC);
    }

    @ParameterizedTest(name = "{0} → [{1}, {2})")
    @CsvSource(delimiter = '|', value = {
            "What did I eat yesterday?                       | 2023-05-09 | 2023-05-10",
            "what did I buy the day before yesterday        | 2023-05-08 | 2023-05-09",
            "Where did I go last night?                      | 2023-05-09 | 2023-05-10",
            "What am I doing today?                          | 2023-05-10 | 2023-05-11",
            "Which book did I finish last week?              | 2023-05-01 | 2023-05-08",
            "What did I plan for this week?                  | 2023-05-08 | 2023-05-15",
            "What did I cook last month?                     | 2023-04-01 | 2023-05-01",
            "Where did I travel last year?                   | 2022-01-01 | 2023-01-01",
            "What did I start this year?                     | 2023-01-01 | 2024-01-01",
            "What did I do two months ago?                   | 2023-03-01 | 2023-04-01",
            "What did I buy 3 days ago?                      | 2023-05-07 | 2023-05-08",
            "Who did I meet a week ago?                      | 2023-05-01 | 2023-05-08",
            "What happened a couple of weeks ago?            | 2023-04-24 | 2023-05-01",
            "What did I watch a year ago?                    | 2022-01-01 | 2023-01-01",
            "What did I read in the past two weeks?          | 2023-04-26 | 2023-05-11",
            "What did I do over the last 10 days?            | 2023-04-30 | 2023-05-11",
            "What did I learn in the past month?             | 2023-04-10 | 2023-05-11",
            "What did I do in May?                           | 2023-05-01 | 2023-06-01",
            "What did I do in June?                          | 2022-06-01 | 2022-07-01",
            "Where was I during March 2021?                  | 2021-03-01 | 2021-04-01",
            "What did I do last May?                         | 2022-05-01 | 2022-06-01",
            "What did I buy last April?                      | 2023-04-01 | 2023-05-01",
            "What did I do in 2021?                          | 2021-01-01 | 2022-01-01",
            "What did I try recently?                        | 2023-04-10 | 2023-05-11",
            "What have I been reading lately?                | 2023-04-10 | 2023-05-11",
            "What did I do last Saturday?                    | 2023-05-06 | 2023-05-07",
            "What did I do on Monday?                        | 2023-05-08 | 2023-05-09",
            "What did I do on Wednesday?                     | 2023-05-03 | 2023-05-04",
            "What is planned for this Friday?                | 2023-05-12 | 2023-05-13",
            "Where did I go last weekend?                    | 2023-05-06 | 2023-05-08",
            "What did I do on 2023-04-15?                    | 2023-04-15 | 2023-04-16",
            "What happened on April 15?                      | 2023-04-15 | 2023-04-16",
            "What happened on April 15th, 2022?              | 2022-04-15 | 2022-04-16",
            "What happened on the 3rd of March?              | 2023-03-03 | 2023-03-04",
            "What did I do on June 2?                        | 2022-06-02 | 2022-06-03",
            "What did I do yesterday and last week?          | 2023-05-01 | 2023-05-10",
            "我昨天吃了什么                                     | 2023-05-09 | 2023-05-10",
            "我前天去了哪里                                     | 2023-05-08 | 2023-05-09",
            "上周我看了什么电影                                  | 2023-05-01 | 2023-05-08",
            "上个星期我去了哪里                                  | 2023-05-01 | 2023-05-08",
            "上个月我买了什么                                    | 2023-04-01 | 2023-05-01",
            "去年我去哪里旅游了                                  | 2022-01-01 | 2023-01-01",
            "去年十月我在做什么                                  | 2022-10-01 | 2022-11-01",
            "今年3月我在做什么                                   | 2023-03-01 | 2023-04-01",
            "我3月做了什么                                      | 2023-03-01 | 2023-04-01",
            "我十二月做了什么                                    | 2022-12-01 | 2023-01-01",
            "两个月前我在做什么                                  | 2023-03-01 | 2023-04-01",
            "三天前我吃了什么                                    | 2023-05-07 | 2023-05-08",
            "上周六我去了哪里                                    | 2023-05-06 | 2023-05-07",
            "周一我做了什么                                     | 2023-05-08 | 2023-05-09",
            "4月15日我做了什么                                   | 2023-04-15 | 2023-04-16",
            "我最近在读什么书                                    | 2023-04-10 | 2023-05-11",
    })
    void resolvesTheWindow(String query, LocalDate from, LocalDate until) {
        QueryTime.Resolved r = resolve(query);
        assertThat(r.hasWindow()).isTrue();
        assertThat(r.from()).isEqualTo(from.atStartOfDay(ZoneOffset.UTC).toInstant());
        assertThat(r.to()).isEqualTo(until.atStartOfDay(ZoneOffset.UTC).toInstant());
    }

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource(delimiter = '|', value = {
            "What did I eat yesterday?                  | What did I eat?",
            "Which book did I finish last week?         | Which book did I finish?",
            "What did I do two months ago at the gym?   | What did I do at the gym?",
            "In May, which museum did I visit?          | , which museum did I visit?",
            "What did I do on 2023-04-15?               | What did I do?",
            "上个月我买了什么                              | 我买了什么",
            "Which bike did I service the past weekend?   | Which bike did I service?",
            "How many weddings have I attended in this year? | How many weddings have I attended?",
    })
    void stripsTheExpressions(String query, String rest) {
        assertThat(resolve(query).query()).isEqualTo(rest);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "How many days ago did I buy the bike?",
            "What was the last time I went hiking?",
            "I may go to the gym, what should I bring?",
            "Which happened first, the concert or the trip?",
            "What is my favourite week night meal?",
            "前端开发",
            "How many days passed between the Sunday mass and the Ash Wednesday service?",
            "What time do I wake up on Saturday mornings?",
            "Which mode of transport did I use most recently, a bus or a train?",
            "What is the order of airlines I flew with before today?",
            "February 30",
    })
    void leavesQuestionsWithoutATimeAlone(String query) {
        QueryTime.Resolved r = resolve(query);
        assertThat(r.hasWindow()).isFalse();
        assertThat(r.query()).isEqualTo(query);
    }

    @Test
    void withoutAReferenceTimeNothingIsResolved() {
        QueryTime.Resolved r = QueryTime.resolve("What did I eat yesterday?", null, ZoneOffset.UTC);
        assertThat(r.hasWindow()).isFalse();
        assertThat(r.query()).isEqualTo("What did I eat yesterday?");
    }

    @Test
    void daysAreThoseOfTheZone() {
        // 2023-05-10T01:00Z is still 2023-05-09 in New York: "yesterday" there is the 8th.
        QueryTime.Resolved r = QueryTime.resolve("yesterday", Instant.parse("2023-05-10T01:00:00Z"), ZoneId.of("America/New_York"));
        assertThat(r.from()).isEqualTo(LocalDate.of(2023, 5, 8).atStartOfDay(ZoneId.of("America/New_York")).toInstant());
    }

    @Test
    void chineseNumbers() {
        assertThat(QueryTime.zhNumber("三")).isEqualTo(3);
        assertThat(QueryTime.zhNumber("十")).isEqualTo(10);
        assertThat(QueryTime.zhNumber("十二")).isEqualTo(12);
        assertThat(QueryTime.zhNumber("二十")).isEqualTo(20);
        assertThat(QueryTime.zhNumber("两")).isEqualTo(2);
        assertThat(QueryTime.zhNumber("11")).isEqualTo(11);
    }
}
