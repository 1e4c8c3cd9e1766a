package dev.engram.core.engine;

import dev.engram.core.spi.AbstractEmbedderContractTest;

import java.util.List;

/** The bundled bge-small-zh-v1.5 (quantized) model: Chinese and English, 512 dimensions, in-process. */
class DefaultEmbedderTest extends AbstractEmbedderContractTest {

    @Override
    protected Embedder embedder() {
        return Embedder.defaultEmbedder();
    }

    @Override
    protected List<String[]> relevantPairs() {
        return List.of(
                new String[]{"前端开发", "用户偏好使用React和TypeScript开发"},
                new String[]{"frontend development", "User prefers React and TypeScript for development"},
                new String[]{"宠物", "养了一只叫咪咪的猫"},
                new String[]{"what pets does the user have", "Has a cat named Mochi"});
    }

    @Override
    protected List<String> distractors() {
        return List.of("周末喜欢去郊外徒步", "每天早上都要喝一杯咖啡", "Enjoys hiking on weekends", "Drinks coffee every morning");
    }

    @org.junit.jupiter.api.Test
    void dimensionAndNameAreTheOnesIndexesRecord() {
        org.assertj.core.api.Assertions.assertThat(embedder().dimension()).isEqualTo(512);
        org.assertj.core.api.Assertions.assertThat(embedder().name()).isEqualTo(Embedder.DEFAULT_MODEL_NAME);
    }
}
