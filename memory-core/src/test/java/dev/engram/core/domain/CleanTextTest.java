package dev.engram.core.domain;

import dev.engram.core.error.ValidationException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CleanTextTest {

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "\u200b", "\u00a0", "\u0000", "\ud800", "\udc00\u200b", "\ufeff\u2028\u3000", "\u200d", "\u202e\u2066", "\r\n\t"})
    void invisibleTextIsBlank(String raw) {
        assertThat(CleanText.isBlank(raw)).isTrue();
        assertThatThrownBy(() -> CleanText.required(raw, "messages[2].content"))
                .isInstanceOf(ValidationException.class).hasMessageStartingWith("messages[2].content must not be empty");
    }

    @Test
    void keepsVisibleTextAndNormalises() {
        assertThat(CleanText.clean("Caf\u0065\u0301\u00a0au\u200blait\u0000")).isEqualTo("Caf\u00e9 aulait");
        assertThat(CleanText.clean("a\r\nb\rc\td")).isEqualTo("a\nb\nc\td");
        assertThat(CleanText.clean("x\ud800y")).isEqualTo("xy");
        assertThat(CleanText.clean("\ud83d\udc68\u200d\ud83d\udc69")).isEqualTo("\ud83d\udc68\u200d\ud83d\udc69"); // emoji ZWJ sequence
        assertThat(CleanText.required("  \u200bI like tea\u00a0 ", "text")).isEqualTo("I like tea");
        assertThat(CleanText.clean(null)).isNull();
        assertThatThrownBy(() -> CleanText.required(null, "query")).hasMessage("query is required");
    }

    @Test
    void messagesAreCleanedWhenBuilt() {
        assertThat(Message.user("hi\u200b there").content()).isEqualTo("hi there");
    }
}
