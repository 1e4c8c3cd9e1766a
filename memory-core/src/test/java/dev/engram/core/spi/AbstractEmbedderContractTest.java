package dev.engram.core.spi;

import dev.engram.core.engine.Embedder;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * What the engine needs of any embedding model: stable vectors of the declared dimension, batch equal to one by one,
 * and a ranking that puts a paraphrase above unrelated text in the languages the model claims.
 */
public abstract class AbstractEmbedderContractTest {

    protected abstract Embedder embedder();

    /** Pairs (query, relevant text) the model must rank above the distractors, in the languages it supports. */
    protected abstract List<String[]> relevantPairs();

    protected abstract List<String> distractors();

    @Test
    void vectorsHaveTheDeclaredDimensionAndAreFinite() {
        float[] v = embedder().embed("a short sentence");
        assertThat(v).hasSize(embedder().dimension());
        for (float x : v) assertThat(Float.isFinite(x)).isTrue();
        assertThat(norm(v)).isPositive();
        assertThat(embedder().name()).isNotBlank();
    }

    @Test
    void embeddingIsDeterministicAndBatchEqualsOneByOne() {
        List<String> texts = List.of("first text", "second, longer text about something else", "第三段文字");
        List<float[]> batch = embedder().embedAll(texts);
        assertThat(batch).hasSize(3);
        for (int i = 0; i < texts.size(); i++) {
            float[] single = embedder().embed(texts.get(i));
            assertThat(Embedder.cosine(single, batch.get(i))).isCloseTo(1.0, within(1e-4));
            assertThat(Embedder.cosine(single, embedder().embed(texts.get(i)))).isCloseTo(1.0, within(1e-6));
        }
        assertThat(embedder().embedAll(List.of())).isEmpty();
    }

    @Test
    void relevantTextRanksAboveDistractors() {
        for (String[] pair : relevantPairs()) {
            float[] q = embedder().embed(pair[0]);
            double relevant = Embedder.cosine(q, embedder().embed(pair[1]));
            for (String d : distractors()) {
                assertThat(relevant).as("'%s' → '%s' should beat '%s'", pair[0], pair[1], d)
                        .isGreaterThan(Embedder.cosine(q, embedder().embed(d)));
            }
        }
    }

    private static double norm(float[] v) {
        double s = 0;
        for (float x : v) s += x * x;
        return Math.sqrt(s);
    }
}
