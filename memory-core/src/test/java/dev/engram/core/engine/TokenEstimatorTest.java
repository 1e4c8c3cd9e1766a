package dev.engram.core.engine;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class TokenEstimatorTest {
    @Test
    void countsCjkPerCharacterAndLatinPerFourCharacters() {
        assertThat(TokenEstimator.estimate("")).isZero();
        assertThat(TokenEstimator.estimate("abcd")).isEqualTo(1);
        assertThat(TokenEstimator.estimate("abcde")).isEqualTo(2);
        assertThat(TokenEstimator.estimate("前端开发")).isEqualTo(4);
        assertThat(TokenEstimator.estimate("用React开发")).isEqualTo(3 + 2);
    }
}
