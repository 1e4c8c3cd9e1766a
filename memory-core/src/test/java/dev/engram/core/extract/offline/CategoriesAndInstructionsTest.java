package dev.engram.core.extract.offline;

import dev.engram.core.domain.Message;
import dev.engram.core.domain.Scope;
import dev.engram.core.extract.Fact;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;
import java.util.Map;

import static dev.engram.core.extract.offline.Conversations.DEFAULT_CATEGORIES;
import static dev.engram.core.extract.offline.Conversations.WEDNESDAY;
import static dev.engram.core.extract.offline.Conversations.extract;
import static org.assertj.core.api.Assertions.assertThat;

/** Category assignment from the request's categories, and simple custom instructions. */
class CategoriesAndInstructionsTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
        My name is Alice                          | personal_details
        I have two kids and a wife                | family
        I work as a data scientist at a bank      | professional_details
        I play basketball on weekends             | sports
        I'm planning a trip to Japan              | travel
        I'm vegetarian and love Thai cuisine      | food
        I play the piano                          | music
        I'm allergic to peanuts                   | health
        I write Python and Rust code              | technology
        My hobby is photography                   | hobbies
        I always wear black sneakers              | fashion
        I watch a lot of anime                    | entertainment
        I graduated from MIT                      | milestones
        I prefer tea over coffee                  | user_preferences
        我养了一只猫                               | family
        我每天早上跑步                             | sports
        我对海鲜过敏                               | health
        我喜欢看电影                               | entertainment
        """)
    void defaultCategoriesForTypicalSentences(String message, String category) {
        assertThat(Conversations.only(message).categories()).contains(category);
    }

    @Test
    void miscWhenNothingFits() {
        assertThat(Conversations.only("I own a red bicycle lock").categories()).containsExactly("misc");
    }

    @Test
    void noMiscUnlessItIsOffered() {
        Fact fact = extract(Scope.user("u1"), null, Map.of("food", "Food and drink"),
            Message.user("I own a red bicycle lock").at(WEDNESDAY)).facts().get(0);

        assertThat(fact.categories()).isEmpty();
    }

    @Test
    void customCategoriesMatchByNameAndDescription() {
        Map<String, String> custom = Map.of(
            "pets", "Animals the user owns, like dogs or cats",
            "cars", "Vehicles the user drives",
            "宠物", "用户养的动物，比如猫和狗");

        List<Fact> facts = extract(Scope.user("u1"), null, custom,
            Message.user("I have two dogs. I drive a Tesla. 我养了一只猫和狗").at(WEDNESDAY)).facts();

        assertThat(facts).extracting(Fact::text).containsExactly("User has two dogs", "User drives a Tesla", "用户养了一只猫和狗");
        assertThat(facts.get(0).categories()).containsExactly("pets");
        assertThat(facts.get(1).categories()).containsExactly("cars");
        assertThat(facts.get(2).categories()).contains("宠物");
    }

    @Test
    void exclusionInstructionDropsMatchingFacts() {
        List<String> texts = texts("Don't store anything about my health.",
            "I'm allergic to peanuts. I live in Berlin. I have diabetes.");

        assertThat(texts).containsExactly("User lives in Berlin");
    }

    @Test
    void exclusionByKeyword() {
        assertThat(texts("Ignore salary details", "My salary is 100k. I work at SAP."))
            .containsExactly("User works at SAP");
        assertThat(texts("Exclude anything about politics", "I vote for the green party in politics. I like tea."))
            .containsExactly("User likes tea");
    }

    @Test
    void chineseExclusionInstruction() {
        assertThat(texts("不要记录健康相关的信息", "我对花生过敏。我住在上海。")).containsExactly("用户住在上海");
        assertThat(texts("不要记录工资", "我的工资是一万。我喜欢喝茶。")).containsExactly("用户喜欢喝茶");
    }

    @Test
    void onlyInstructionKeepsMatchingFacts() {
        assertThat(texts("Only remember food preferences", "I live in Berlin. I love sushi. I hate olives."))
            .containsExactly("User loves sushi", "User hates olives");
        assertThat(texts("只记录饮食", "我住在上海。我喜欢吃火锅。")).containsExactly("用户喜欢吃火锅");
    }

    @Test
    void instructionsWithoutRecognisedRulesChangeNothing() {
        assertThat(texts("Write memories in a friendly tone.", "I live in Berlin. I love sushi."))
            .containsExactly("User lives in Berlin", "User loves sushi");
    }

    private static List<String> texts(String instructions, String content) {
        return extract(Scope.user("u1"), instructions, DEFAULT_CATEGORIES, Message.user(content).at(WEDNESDAY))
            .facts().stream().map(Fact::text).toList();
    }
}
