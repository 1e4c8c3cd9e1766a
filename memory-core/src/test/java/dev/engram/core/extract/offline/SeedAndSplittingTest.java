package dev.engram.core.extract.offline;

import dev.engram.core.domain.TokenUsage;
import dev.engram.core.extract.Extraction;
import dev.engram.core.extract.Fact;
import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.engram.core.extract.offline.Conversations.only;
import static dev.engram.core.extract.offline.Conversations.textsOf;
import static org.assertj.core.api.Assertions.assertThat;

/** The seed example, its English twin, and how messages are cut into atomic facts. */
class SeedAndSplittingTest {

    @Test
    void seedSentenceStaysOneFactVerbatim() {
        Fact fact = only("用户偏好使用React和TypeScript开发");

        assertThat(fact.text()).isEqualTo("用户偏好使用React和TypeScript开发");
        assertThat(fact.categories()).contains("technology", "user_preferences");
        assertThat(fact.slot()).isNull();
        assertThat(fact.eventTime()).isNull();
    }

    @Test
    void englishTwinIsOneThirdPersonFact() {
        Fact fact = only("I prefer using React and TypeScript for development");

        assertThat(fact.text()).isEqualTo("User prefers using React and TypeScript for development");
        assertThat(fact.categories()).contains("technology", "user_preferences");
    }

    @Test
    void firstPersonChineseIsRewrittenToUser() {
        assertThat(only("我偏好使用React和TypeScript开发。").text()).isEqualTo("用户偏好使用React和TypeScript开发");
    }

    @Test
    void extractionIsNamedOfflineAndFree() {
        Extraction extraction = Conversations.extract(dev.engram.core.domain.Scope.user("u1"), null, Conversations.DEFAULT_CATEGORIES,
            dev.engram.core.domain.Message.user("I live in Berlin").at(Conversations.WEDNESDAY));

        assertThat(extraction.extractor()).isEqualTo("offline");
        assertThat(new OfflineExtractor().name()).isEqualTo("offline");
        assertThat(extraction.usage()).isEqualTo(TokenUsage.NONE);
    }

    @Test
    void multiFactEnglishMessageIsSplitIntoSentencesAndClauses() {
        List<String> texts = textsOf("Well, I live in Berlin and I work at SAP. I like React and TypeScript! "
            + "I have two cats; my wife is a doctor.");

        assertThat(texts).containsExactly(
            "User lives in Berlin",
            "User works at SAP",
            "User likes React and TypeScript",
            "User has two cats",
            "User's wife is a doctor");
    }

    @Test
    void clauseWithoutItsOwnSubjectInheritsIt() {
        assertThat(textsOf("I live in Berlin and work at SAP")).containsExactly("User lives in Berlin", "User works at SAP");
        assertThat(textsOf("I love cats but hate dogs")).containsExactly("User loves cats", "User hates dogs");
    }

    @Test
    void coordinatedObjectsAreNotSplit() {
        assertThat(textsOf("I like React and TypeScript")).containsExactly("User likes React and TypeScript");
        assertThat(textsOf("I enjoy hiking and swimming")).containsExactly("User enjoys hiking and swimming");
        assertThat(textsOf("我喜欢React和TypeScript")).containsExactly("用户喜欢React和TypeScript");
        assertThat(textsOf("我喜欢苹果，香蕉和橙子")).containsExactly("用户喜欢苹果，香蕉和橙子");
    }

    @Test
    void thirdPersonClauseStaysWithItsReferent() {
        assertThat(textsOf("My sister lives in Paris, and she is a teacher."))
            .containsExactly("User's sister lives in Paris, and she is a teacher");
    }

    @Test
    void clauseThatOnlyPointsBackStaysAttached() {
        assertThat(textsOf("I've been learning Spanish for 3 months and I really enjoy it."))
            .containsExactly("User has been learning Spanish for 3 months and User really enjoys it");
        assertThat(textsOf("我买了一台新电脑，很喜欢它")).containsExactly("用户买了一台新电脑，很喜欢它");
        assertThat(textsOf("Sounds great, I'll check it out.")).isEmpty();
    }

    @Test
    void compoundSubjectKeepsItsPluralVerb() {
        assertThat(textsOf("My wife and I are vegetarians")).containsExactly("User's wife and User are vegetarians");
        assertThat(textsOf("We adopted a dog last month")).containsExactly("User and others adopted a dog in April 2023");
    }

    @Test
    void multiFactChineseMessageIsSplit() {
        List<String> texts = textsOf("我住在上海，在腾讯工作。我喜欢猫，但是讨厌狗！而且我养了一只狗\n我是一名程序员");

        assertThat(texts).containsExactly("用户住在上海", "用户在腾讯工作", "用户喜欢猫", "用户讨厌狗", "用户养了一只狗", "用户是一名程序员");
    }

    @Test
    void leadingFillerIsStripped() {
        assertThat(textsOf("Oh, btw I play the guitar")).containsExactly("User plays the guitar");
        assertThat(textsOf("嗯，哈哈，我会弹吉他")).containsExactly("用户会弹吉他");
        assertThat(textsOf("Please remember that I'm allergic to peanuts")).containsExactly("User is allergic to peanuts");
    }

    @Test
    void decimalsAndAbbreviationsDoNotEndASentence() {
        assertThat(textsOf("I ran 10.5 km with Dr. Smith yesterday")).containsExactly("User ran 10.5 km with Dr. Smith on 2023-05-09");
    }

    @Test
    void repeatedFactsAreMergedAcrossMessages() {
        Extraction extraction = Conversations.extract(dev.engram.core.domain.Scope.user("u1"), null, Conversations.DEFAULT_CATEGORIES,
            dev.engram.core.domain.Message.user("I love jazz").at(Conversations.WEDNESDAY),
            dev.engram.core.domain.Message.user("I love jazz.").at(Conversations.WEDNESDAY));

        assertThat(extraction.facts()).singleElement().satisfies(f -> assertThat(f.messageIndexes()).containsExactly(0, 1));
    }
}
