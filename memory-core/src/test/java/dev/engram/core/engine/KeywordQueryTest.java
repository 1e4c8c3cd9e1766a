package dev.engram.core.engine;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class KeywordQueryTest {

    @Test
    void theFrameOfAQuestionIsDropped() {
        assertThat(KeywordQuery.of("What did I say about my sister's wedding?")).isEqualTo("sister's wedding");
        assertThat(KeywordQuery.of("Can you remind me of the restaurant you recommended in Lisbon?"))
                .isEqualTo("restaurant recommended Lisbon");
    }

    @Test
    void aQueryOfFunctionWordsOnlyIsKept() {
        assertThat(KeywordQuery.of("What was it?")).isEqualTo("What was it?");
    }

    @Test
    void cjkTextPassesThrough() {
        assertThat(KeywordQuery.of("前端开发")).isEqualTo("前端开发");
        assertThat(KeywordQuery.of("我 的 React 项目")).isEqualTo("我 的 React 项目");
    }
}
