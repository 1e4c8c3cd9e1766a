package dev.engram.core.extract.offline;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static dev.engram.core.extract.offline.Conversations.only;
import static org.assertj.core.api.Assertions.assertThat;

/** Single-valued attributes, so a newer value can supersede an older one. */
class SlotDetectionTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = ';', textBlock = """
        I live in Berlin ; user|location
        I moved to Lisbon last year ; user|location
        I recently relocated to Austin ; user|location
        I'm based in Toronto ; user|location
        I work at Google ; user|employer
        I work for a small startup ; user|employer
        I joined Stripe last month ; user|employer
        I'm a software engineer ; user|job
        I am an elementary school teacher ; user|job
        I work as a nurse ; user|job
        My name is Alice Smith ; user|name
        Call me Al ; user|name
        Hi, I'm Alice ; user|name
        I'm 34 years old ; user|age
        I turned 40 last week ; user|age
        I'm married ; user|relationship
        I'm single ; user|relationship
        I'm dating someone from work ; user|relationship
        I got engaged yesterday ; user|relationship
        My favorite color is blue ; user|favorite:color
        My favourite TV show is Severance ; user|favorite:tv show
        Sushi is my favorite food ; user|favorite:food
        """)
    void englishSlots(String message, String slot) {
        assertThat(only(message).slot()).isEqualTo(slot);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = ';', textBlock = """
        我住在北京 ; user|location
        我上周搬到了上海 ; user|location
        我去年搬去了深圳 ; user|location
        我在阿里巴巴工作 ; user|employer
        我现在在字节跳动上班 ; user|employer
        我是一名软件工程师 ; user|job
        我是学生 ; user|job
        我叫小明 ; user|name
        我的名字是李华 ; user|name
        我今年三十岁 ; user|age
        我28岁 ; user|age
        我结婚了 ; user|relationship
        我还是单身 ; user|relationship
        我最喜欢的颜色是蓝色 ; user|favorite:颜色
        """)
    void chineseSlots(String message, String slot) {
        assertThat(only(message).slot()).isEqualTo(slot);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "I like hiking", "I went to Paris last week", "My sister lives in Paris", "I worked at IBM for ten years",
        "I'm a big fan of jazz", "I'm Chinese", "I lived in Rome as a kid",
        "我喜欢徒步", "我妹妹住在上海", "我上周去了巴黎"})
    void factsThatCanCoexistHaveNoSlot(String message) {
        assertThat(only(message).slot()).isNull();
    }

    @Test
    void slotSubjectIsTheLowerCasedSpeakerName() {
        var fact = Conversations.extract(dev.engram.core.domain.Scope.user("u1"), null, Conversations.DEFAULT_CATEGORIES,
            dev.engram.core.domain.Message.user("I live in Berlin").named("Alice").at(Conversations.WEDNESDAY)).facts().get(0);

        assertThat(fact.slot()).isEqualTo("alice|location");
    }
}
