package dev.engram.core.engine;

import dev.engram.core.index.lucene.LuceneVectorIndex;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** An existing index keeps the model it was built with; a new one gets the bilingual model. */
class BundledEmbeddingChoiceTest {

    @Test
    void anIndexRecordsItsModelAndTheModelIsFoundAgain(@TempDir Path dir) {
        Path index = dir.resolve("index");
        assertThat(LuceneVectorIndex.recordedEmbedder(index)).isEmpty();

        Embedder zh = BundledEmbedding.BGE_SMALL_ZH.embedder();
        LuceneVectorIndex.open(index, zh.dimension(), zh.name()).close();

        assertThat(LuceneVectorIndex.recordedEmbedder(index)).contains(Embedder.DEFAULT_MODEL_NAME);
        assertThat(BundledEmbedding.named(Embedder.DEFAULT_MODEL_NAME)).contains(BundledEmbedding.BGE_SMALL_ZH);
        assertThat(BundledEmbedding.named(Embedder.BILINGUAL_MODEL_NAME)).contains(BundledEmbedding.BILINGUAL);
        assertThat(BundledEmbedding.named("someone-elses-model")).isEmpty();
    }

    @Test
    void aQdrantCollectionsDimensionNamesItsModel() {
        assertThat(BundledEmbedding.ofDimension(512)).contains(BundledEmbedding.BGE_SMALL_ZH);
        assertThat(BundledEmbedding.ofDimension(896)).contains(BundledEmbedding.BILINGUAL);
        assertThat(BundledEmbedding.ofDimension(384)).isEmpty();
        assertThat(BundledEmbedding.FOR_NEW_INDEXES).isEqualTo(BundledEmbedding.BILINGUAL);
    }

    @Test
    void eachModelIsKnownByTheNameAndDimensionItsEmbedderHas() {
        for (BundledEmbedding m : BundledEmbedding.values()) {
            assertThat(BundledEmbedding.named(m.embedder().name())).contains(m);
            assertThat(BundledEmbedding.ofDimension(m.embedder().dimension())).contains(m);
        }
    }
}
