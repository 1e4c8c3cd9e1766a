package dev.engram.bench.longmemeval;

import dev.engram.bench.longmemeval.LongMemEvalDataset.Session;
import dev.engram.core.engine.Embedder;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Baseline: dense retrieval over the raw messages with the engine's embedder, exact cosine, no memory layer. A
 * message is embedded by its head, the first {@value #HEAD_CHARS} characters (the model reads at most 512 tokens;
 * embedding ~200k whole turns on two cores would take hours); the result text is the whole message. Vectors come from
 * the {@link VectorCache} when a previous run embedded the same head.
 */
final class DenseRetriever implements Retriever {

    static final int HEAD_CHARS = 512;

    private final Embedder embedder;
    private final VectorCache cache;

    DenseRetriever(Embedder embedder, VectorCache cache) {
        this.embedder = embedder;
        this.cache = cache;
    }

    @Override
    public String name() {
        return "dense";
    }

    @Override
    public String description() {
        return "Baseline: exact cosine over the raw messages with the engine's embedder (" + embedder.name()
                + "), each message embedded by its first " + HEAD_CHARS + " characters; ingest time counts only vectors not in the cache";
    }

    static String head(String text) {
        return text.length() <= HEAD_CHARS ? text : text.substring(0, HEAD_CHARS);
    }

    @Override
    public Index load(String questionId, List<Session> haystack) {
        List<Retrieved> messages = new ArrayList<>();
        List<String> heads = new ArrayList<>();
        for (Session s : haystack) {
            for (int i = 0; i < s.turns().size(); i++) {
                // A message without a letter or digit (empty, or invisible characters only) cannot be embedded: left out.
                if (s.turns().get(i).content().codePoints().noneMatch(Character::isLetterOrDigit)) continue;
                messages.add(new Retrieved(s.turns().get(i).content(), List.of(s.messageId(i))));
                heads.add(head(s.turns().get(i).content()));
            }
        }
        List<float[]> vectors = cache.vectors(heads);
        return new Index() {
            @Override
            public List<Retrieved> search(String query, Instant referenceTime, int k) {
                float[] q = embedder.embed(query);
                record Scored(int ordinal, double cosine) {
                }
                List<Scored> scored = new ArrayList<>(vectors.size());
                for (int i = 0; i < vectors.size(); i++) scored.add(new Scored(i, Embedder.cosine(q, vectors.get(i))));
                scored.sort(Comparator.comparingDouble(Scored::cosine).reversed().thenComparingInt(Scored::ordinal));
                return scored.stream().limit(k).map(s -> messages.get(s.ordinal())).toList();
            }

            @Override
            public void close() {
            }
        };
    }
}
