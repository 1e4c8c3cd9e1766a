package dev.engram.core.reconcile;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ContentTokensTest {

    @Test
    void englishDropsStopWordsAndStems() {
        assertThat(ContentTokens.of("I really like the hiking trips")).containsExactly("like", "hik", "trip");
        assertThat(ContentTokens.of("User's dog")).containsExactly("dog");
    }

    @Test
    void chineseUsesBigramsWithoutFunctionCharacters() {
        assertThat(ContentTokens.of("喜欢喝茶")).containsExactly("喜欢", "欢喝", "喝茶");
        assertThat(ContentTokens.of("React和TypeScript")).containsExactly("react", "typescript");
    }

    @Test
    void containmentAndNormalisation() {
        var a = ContentTokens.of("likes green tea");
        var b = ContentTokens.of("likes green tea from Japan");
        assertThat(ContentTokens.containment(a, b)).isEqualTo(1.0);
        assertThat(ContentTokens.containment(b, a)).isEqualTo(0.75); // "from" is a stop word: like, green, tea, japan
        assertThat(ContentTokens.normalized("Likes, Tea!")).isEqualTo("likestea");
    }

    @Test
    void timeAdverbsAndTheSubjectsWordingAreNotContent() {
        assertThat(ContentTokens.of("User and others still love camping")).containsExactly("love", "camp");
        assertThat(ContentTokens.of("用户还是不吃香菜")).containsExactly("不吃", "吃香", "香菜");
        assertThat(ContentTokens.overlap(ContentTokens.of("still vegetarian"), ContentTokens.of("is vegetarian"))).isTrue();
        assertThat(ContentTokens.overlap(ContentTokens.of("likes tea"), ContentTokens.of("plays chess"))).isFalse();
    }
}
