package dev.engram.core.extract.offline;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static dev.engram.core.extract.offline.Conversations.textsOf;
import static org.assertj.core.api.Assertions.assertThat;

/** What a memory layer must not remember, in English and Chinese. */
class DroppingTest {

    @ParameterizedTest
    @ValueSource(strings = {
        "Hi!", "Hello there.", "Good morning", "Thanks so much!", "Thank you for your help.", "Bye, see you later!",
        "Nice to meet you", "OK, sounds good.", "I see.", "Cool", "Have a great day!",
        "你好！", "您好", "谢谢你！", "多谢", "再见", "拜拜", "晚安", "好的", "我知道了", "哈哈哈", "嗯嗯"})
    void greetingsThanksFarewellsAndPleasantriesAreDropped(String message) {
        assertThat(textsOf(message)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "What is the capital of France?", "Do you know any good restaurants in Berlin", "Where should I live",
        "How can I learn Rust faster", "Is it going to rain tomorrow?",
        "你喜欢什么？", "今天天气怎么样", "你能推荐一家餐厅吗", "我应该学Java还是Python呢", "为什么天是蓝的"})
    void questionsAreDropped(String message) {
        assertThat(textsOf(message)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "Can you help me with my code", "Please write a poem about cats", "Tell me a joke", "Could you book a table for two",
        "I need you to summarize this article", "Recommend a good book",
        "帮我写一段代码", "请给我推荐一本书", "麻烦你翻译一下这句话", "能不能帮我订机票"})
    void requestsToTheAssistantAreDropped(String message) {
        assertThat(textsOf(message)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"The weather is nice", "React is a library", "ok", "天气不错", "好"})
    void contentFreeOrImpersonalStatementsAreDropped(String message) {
        assertThat(textsOf(message)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"Hi! Thanks for the help. I live in Berlin. Can you find me a flat?",
        "你好！谢谢。我住在柏林。你能帮我找房子吗？"})
    void factsSurviveAmongChitChat(String message) {
        assertThat(textsOf(message)).hasSize(1).allSatisfy(t -> assertThat(t).containsAnyOf("Berlin", "柏林"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"我什么都吃", "我没什么特别的爱好，但是喜欢看书"})
    void indefiniteInterrogativeWordsAreNotQuestions(String message) {
        assertThat(textsOf(message)).isNotEmpty();
    }
}
