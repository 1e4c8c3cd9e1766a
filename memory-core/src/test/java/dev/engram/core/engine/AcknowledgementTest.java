package dev.engram.core.engine;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

class AcknowledgementTest {

    @ParameterizedTest
    @ValueSource(strings = {"Noted.", "OK, thanks!", "Got it, thank you very much!", "Yes", "haha ok",
            "Sounds good.", "You're welcome!", "好的，谢谢", "收到！", "嗯嗯 好的", "明白了。", "...", "👍", ""})
    void saysNothingToRecall(String text) {
        assertThat(Acknowledgement.isOnly(text)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"Berlin.", "OK, I moved to Berlin", "Thanks, my dog is called Rex", "42", "Yes, React",
            "好的，我明天去上海", "用户偏好使用React和TypeScript开发", "OK了吗", "Noted: the meeting is at 3pm"})
    void carriesContent(String text) {
        assertThat(Acknowledgement.isOnly(text)).isFalse();
    }
}
