package dev.engram.core.engine;

import dev.engram.core.error.StorageException;
import dev.engram.core.error.ValidationException;
import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.output.Response;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Blank text never reaches the model (400), and a model that fails is a backend failure (503), never a 500. */
class EmbedderFailuresTest {

    private static final EmbeddingModel BROKEN = new EmbeddingModel() {
        @Override
        public Response<List<Embedding>> embedAll(List<TextSegment> segments) {
            throw new IllegalStateException("model server unreachable");
        }

        @Override
        public int dimension() {
            return 4;
        }
    };

    @Test
    void blankTextIsAValidationError() {
        Embedder embedder = new Embedder(BROKEN, "broken");
        assertThatThrownBy(() -> embedder.embed("\u200b\u00a0")).isInstanceOf(ValidationException.class);
        assertThatThrownBy(() -> embedder.embedAll(List.of("fine", "\u0000"))).isInstanceOf(ValidationException.class);
    }

    @Test
    void aFailingModelIsAStorageError() {
        Embedder embedder = new Embedder(BROKEN, "broken");
        assertThatThrownBy(() -> embedder.embed("hello")).isInstanceOf(StorageException.class).hasMessageContaining("broken");
        assertThatThrownBy(() -> embedder.embedAll(List.of("a", "b"))).isInstanceOf(StorageException.class);
    }
}
