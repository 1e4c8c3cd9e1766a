package dev.engram.core.engine;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The bilingual models on chosen ONNX threads: the same model, so the same vectors and name as the bundled embedder. */
class OnnxThreadsTest {

    private static final List<String> TEXTS = List.of("用户偏好使用React和TypeScript开发", "I prefer React and TypeScript for development.",
            "Sourdough needs a lively starter: feed it twice a day with equal weights of flour and water, keep it somewhere warm.",
            "周末喜欢去郊外徒步", "We went hiking in the mountains last weekend and it rained the whole time.");

    @Test
    void threadedModelsGiveTheBundledVectors() {
        Embedder bundled = Embedder.bilingual();
        for (OnnxThreads threads : List.of(new OnnxThreads(2, 1), new OnnxThreads(1, 2))) {
            Embedder threaded = Embedder.bilingual(threads);
            assertThat(threaded.name()).isEqualTo(bundled.name());
            assertThat(threaded.dimension()).isEqualTo(bundled.dimension());
            List<float[]> a = bundled.embedAll(TEXTS);
            List<float[]> b = threaded.embedAll(TEXTS);
            for (int i = 0; i < TEXTS.size(); i++) assertThat(Embedder.cosine(a.get(i), b.get(i))).as(TEXTS.get(i)).isGreaterThan(0.9999);
            assertThat(Embedder.cosine(bundled.embedQuery("前端开发"), threaded.embedQuery("前端开发"))).isGreaterThan(0.9999);
        }
    }

    @Test
    void threadCountsMustBePositive() {
        assertThatThrownBy(() -> new OnnxThreads(0, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new OnnxThreads(1, 0)).isInstanceOf(IllegalArgumentException.class);
    }
}
