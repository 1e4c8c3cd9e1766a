package dev.engram.core.index.qdrant;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class KeywordSparseEncoderTest {

    private final KeywordSparseEncoder encoder = new KeywordSparseEncoder();

    @AfterEach
    void close() {
        encoder.close();
    }

    @Test
    void splitsLatinWordsAndCjkBigramsLowerCased() {
        assertThat(encoder.terms("User prefers React, and TypeScript")).containsExactly("user", "prefers", "react", "and", "typescript");
        assertThat(encoder.terms("用户偏好使用React")).containsExactly("用户", "户偏", "偏好", "好使", "使用", "react");
        assertThat(encoder.terms("  ")).isEmpty();
    }

    @Test
    void aQueryTermAndTheSameDocumentTermShareTheirDimension() {
        KeywordSparseEncoder.SparseVector doc = encoder.document("前端开发 with React");
        KeywordSparseEncoder.SparseVector query = encoder.query("react 前端");
        assertThat(doc.indices()).containsAll(query.indices());
        assertThat(query.values()).containsOnly(1.0f);
        assertThat(KeywordSparseEncoder.dimension("react")).isEqualTo(KeywordSparseEncoder.dimension("react"))
                .isNotEqualTo(KeywordSparseEncoder.dimension("reacts"));
    }

    @Test
    void documentWeightsSaturateWithTermFrequency() {
        float once = weightOf("amber", encoder.document("amber birch cobalt"));
        float twice = weightOf("amber", encoder.document("amber amber cobalt"));
        float often = weightOf("amber", encoder.document("amber amber amber amber amber amber"));
        assertThat(twice).isGreaterThan(once);
        assertThat(often).isGreaterThan(twice).isLessThan((float) (KeywordSparseEncoder.K1 + 1));
        // each distinct term once: no duplicate dimensions, as Qdrant requires
        assertThat(encoder.document("amber amber birch").indices()).doesNotHaveDuplicates().hasSize(2);
    }

    private static float weightOf(String term, KeywordSparseEncoder.SparseVector v) {
        List<Integer> indices = v.indices();
        return v.values().get(indices.indexOf(KeywordSparseEncoder.dimension(term)));
    }
}
