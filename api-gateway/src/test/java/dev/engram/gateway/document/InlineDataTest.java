package dev.engram.gateway.document;

import dev.engram.core.error.TooLargeException;
import dev.engram.core.error.ValidationException;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Inline content as Mem0's clients send it: data URLs and bare base64, size-checked before decoding. */
class InlineDataTest {

    @Test
    void dataUrlsAndBareBase64AreDecoded() {
        String b64 = Base64.getEncoder().encodeToString("hello".getBytes(StandardCharsets.UTF_8));
        Download d = InlineData.decode("data:text/markdown;charset=utf-8;base64," + b64, "f", 100);
        assertThat(d.bytes()).asString().isEqualTo("hello");
        assertThat(d.mediaType()).isEqualTo("text/markdown");
        assertThat(d.charset()).isEqualTo("utf-8");
        assertThat(d.inline()).isTrue();
        assertThat(InlineData.decode(b64.substring(0, 4) + "\n" + b64.substring(4), "f", 100).bytes()).asString().isEqualTo("hello");
        assertThat(InlineData.decode(b64, "f", 100).mediaType()).isNull();
    }

    @Test
    void urlsAreToldFromContent() {
        assertThat(InlineData.isUrl("https://example.com/a.pdf")).isTrue();
        assertThat(InlineData.isUrl("file:///etc/passwd")).isTrue(); // a URL, refused later for its scheme
        assertThat(InlineData.isUrl("JVBERi0xLjcK")).isFalse();
        assertThat(InlineData.isUrl("data:application/pdf;base64,JVBE")).isFalse();
    }

    @Test
    void oversizedInvalidOrNonBase64DataIsRefused() {
        String big = Base64.getEncoder().encodeToString(new byte[300]);
        assertThatThrownBy(() -> InlineData.decode(big, "f", 200)).isInstanceOf(TooLargeException.class);
        assertThatThrownBy(() -> InlineData.decode("not base64!", "f", 200)).isInstanceOf(ValidationException.class).hasMessageContaining("base64");
        assertThatThrownBy(() -> InlineData.decode("data:text/plain,hello", "f", 200)).hasMessageContaining("not base64");
    }
}
