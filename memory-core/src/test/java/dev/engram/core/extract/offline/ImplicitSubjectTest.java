package dev.engram.core.extract.offline;

import dev.engram.core.domain.Message;
import dev.engram.core.domain.Scope;
import dev.engram.core.extract.Fact;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static dev.engram.core.extract.offline.Conversations.DEFAULT_CATEGORIES;
import static dev.engram.core.extract.offline.Conversations.WEDNESDAY;
import static dev.engram.core.extract.offline.Conversations.extract;
import static dev.engram.core.extract.offline.Conversations.textsOf;
import static org.assertj.core.api.Assertions.assertThat;

/** Statements whose subject is implied: dropped Chinese subjects, answers to the assistant, names in the user's life. */
class ImplicitSubjectTest {

    @Test
    void chineseStatementWithoutSubjectIsAboutTheSpeaker() {
        assertThat(textsOf("办了健身卡，每周去两次。")).containsExactly("用户办了健身卡，每周去两次");
        assertThat(textsOf("早饭不喝牛奶了。")).containsExactly("用户早饭不喝牛奶了");
    }

    @Test
    void shortOrImpersonalOrAddressedChineseStatementsStayDropped() {
        assertThat(textsOf("天气很好啊")).isEmpty();
        assertThat(textsOf("你说得很有道理啊")).isEmpty();
        assertThat(textsOf("挺好的")).isEmpty();
    }

    @Test
    void countWordWithJiIsNotAQuestion() {
        assertThat(textsOf("上个月我读了十几本小说。")).hasSize(1);
    }

    @Test
    void answerToTheAssistantsQuestionIsAFactAboutTheUser() {
        var facts = extract(Scope.user("u1"), null, DEFAULT_CATEGORIES,
            Message.assistant("What do you do for a living?").at(WEDNESDAY),
            Message.user("Yes, head nurse at a children's hospital in Leeds.").at(WEDNESDAY)).facts();

        assertThat(facts).extracting(Fact::text).containsExactly("User: head nurse at a children's hospital in Leeds");
    }

    @Test
    void fragmentThatAnswersNothingIsDropped() {
        var facts = extract(Scope.user("u1"), null, DEFAULT_CATEGORIES,
            Message.assistant("Glad to hear that.").at(WEDNESDAY),
            Message.user("Head nurse at a children's hospital in Leeds.").at(WEDNESDAY)).facts();

        assertThat(facts).isEmpty();
    }

    @Test
    void clauseOpeningWithAPastVerbGetsTheUserAsSubject() {
        assertThat(textsOf("Relocated to Porto in the spring, near the river.")).singleElement()
            .satisfies(t -> assertThat(t).startsWith("User relocated to Porto"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"Biscuit chewed through the sofa cushion.", "Omar finally passed his driving test."})
    void namedSomeoneDoingSomethingIsKeptAsSaid(String message) {
        assertThat(textsOf(message)).containsExactly(message.substring(0, message.length() - 1));
    }

    @Test
    void namedThingDefinedByACopulaIsStillImpersonal() {
        assertThat(textsOf("Kotlin is a language")).isEmpty();
    }

    @Test
    void pastParticipleReadAsAnAdjectiveIsNotAPredicate() {
        assertThat(textsOf("Exhausted but happy.")).isEmpty();
        assertThat(textsOf("Ordered new running shoes yesterday.")).singleElement()
            .satisfies(t -> assertThat(t).startsWith("User ordered new running shoes"));
    }

    @Test
    void chineseChangeVerbsArePredicates() {
        assertThat(textsOf("早饭改成燕麦粥了。")).containsExactly("用户早饭改成燕麦粥了");
        assertThat(textsOf("计划改为每天背五十个单词。")).hasSize(1);
    }

    @Test
    void somethingInTheUsersWorldDoingSomethingIsKeptAsSaid() {
        assertThat(textsOf("The landlord finally fixed the boiler.")).containsExactly("The landlord finally fixed the boiler");
        assertThat(textsOf("The school run is now on Tuesdays.")).containsExactly("The school run is now on Tuesdays");
        assertThat(textsOf("The museum is huge")).isEmpty();
    }
}
