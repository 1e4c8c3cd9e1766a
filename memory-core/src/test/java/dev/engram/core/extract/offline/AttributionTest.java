package dev.engram.core.extract.offline;

import dev.engram.core.domain.Message;
import dev.engram.core.domain.Scope;
import dev.engram.core.extract.Extraction;
import dev.engram.core.extract.Fact;
import org.junit.jupiter.api.Test;

import static dev.engram.core.extract.offline.Conversations.DEFAULT_CATEGORIES;
import static dev.engram.core.extract.offline.Conversations.WEDNESDAY;
import static dev.engram.core.extract.offline.Conversations.extract;
import static org.assertj.core.api.Assertions.assertThat;

/** Which messages are sources, and how facts name who said them. */
class AttributionTest {

    @Test
    void namedSpeakerIsTheSubjectAndSpeaker() {
        Extraction e = extract(Scope.user("u1"), null, DEFAULT_CATEGORIES,
            Message.user("I moved to Berlin last month").named("Alice").at(WEDNESDAY),
            Message.user("我喜欢喝茶").named("小红").at(WEDNESDAY));

        assertThat(e.facts()).extracting(Fact::text)
            .containsExactly("Alice moved to Berlin in April 2023", "小红喜欢喝茶");
        assertThat(e.facts()).extracting(Fact::speaker).containsExactly("Alice", "小红");
        assertThat(e.facts()).extracting(Fact::role).containsExactly("user", "user");
        assertThat(e.facts()).extracting(Fact::messageIndexes).containsExactly(java.util.List.of(0), java.util.List.of(1));
    }

    @Test
    void selfIntroductionStatesTheName() {
        Fact fact = Conversations.only("Hi, I'm Alice");

        assertThat(fact.text()).isEqualTo("User's name is Alice");
        assertThat(fact.slot()).isEqualTo("user|name");
        assertThat(Conversations.only("I'm Chinese").text()).isEqualTo("User is Chinese");
    }

    @Test
    void unnamedUserIsCalledUser() {
        Fact fact = Conversations.only("My dog is called Max");

        assertThat(fact.text()).isEqualTo("User's dog is called Max");
        assertThat(fact.speaker()).isEqualTo("user");
        assertThat(fact.role()).isEqualTo("user");
    }

    @Test
    void assistantAndSystemMessagesAreIgnoredInUserScope() {
        Extraction e = extract(Scope.user("u1"), null, DEFAULT_CATEGORIES,
            Message.system("I am a helpful assistant that loves poetry").at(WEDNESDAY),
            Message.user("I play tennis every Sunday").at(WEDNESDAY),
            Message.assistant("I love tennis too, I play every week").at(WEDNESDAY));

        assertThat(e.facts()).extracting(Fact::text).containsExactly("User plays tennis every Sunday");
        assertThat(e.facts().get(0).messageIndexes()).containsExactly(1);
    }

    @Test
    void assistantStatementsAboutItselfAreUsedInAgentOnlyScope() {
        Extraction e = extract(Scope.agent("travel-bot"), null, DEFAULT_CATEGORIES,
            Message.user("I live in Berlin").at(WEDNESDAY),
            Message.assistant("Hello! My name is Aria. I can book flights and hotels. I'd be happy to help!").at(WEDNESDAY),
            Message.system("I am configured for travel").at(WEDNESDAY));

        assertThat(e.facts()).extracting(Fact::text)
            .containsExactly("Assistant's name is Aria", "Assistant can book flights and hotels");
        assertThat(e.facts()).allSatisfy(f -> {
            assertThat(f.role()).isEqualTo("assistant");
            assertThat(f.speaker()).isEqualTo("assistant");
            assertThat(f.messageIndexes()).containsExactly(1);
        });
        assertThat(e.facts().get(0).slot()).isEqualTo("assistant|name");
    }

    @Test
    void agentOnlyScopeWithoutAssistantMessagesRemembersTheUser() {
        Extraction e = extract(Scope.agent("travel-bot"), null, DEFAULT_CATEGORIES,
            Message.user("I love sailing on the lake.").at(WEDNESDAY));

        assertThat(e.facts()).extracting(Fact::text).containsExactly("User loves sailing on the lake");
        assertThat(e.facts().get(0).role()).isEqualTo("user");
    }

    @Test
    void namedAssistantInChineseAgentScope() {
        Extraction e = extract(Scope.agent("bot"), null, DEFAULT_CATEGORIES,
            Message.assistant("你好！我叫小助。我喜欢古典音乐。").named("小助").at(WEDNESDAY));

        assertThat(e.facts()).extracting(Fact::text).containsExactly("小助叫小助", "小助喜欢古典音乐");
        assertThat(e.facts()).extracting(Fact::speaker).containsOnly("小助");
    }

    @Test
    void assistantIsIgnoredWhenAgentScopeAlsoHasAUser() {
        Extraction e = extract(Scope.user("u1").withAgent("bot"), null, DEFAULT_CATEGORIES,
            Message.user("I prefer window seats").at(WEDNESDAY),
            Message.assistant("I can book window seats for you").at(WEDNESDAY));

        assertThat(e.facts()).extracting(Fact::text).containsExactly("User prefers window seats");
    }
}
