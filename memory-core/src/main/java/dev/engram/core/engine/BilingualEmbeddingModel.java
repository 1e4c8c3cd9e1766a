package dev.engram.core.engine;

import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.output.Response;

import java.util.ArrayList;
import java.util.List;

/**
 * Two models side by side in one vector space: a text is embedded by the model of its language (Chinese/Japanese/Korean
 * text by the first, anything else by the second) into its half of the vector, the other half zero; a query is embedded
 * by both, each half scaled by 1/√2, so it meets documents of either language with the right model. The dimension is the
 * sum of the two.
 */
final class BilingualEmbeddingModel implements QueryEmbeddingModel {

    private static final float HALF = (float) (1 / Math.sqrt(2));

    private final EmbeddingModel cjk;
    private final EmbeddingModel other;
    private final int cjkDimension;
    private final int otherDimension;

    BilingualEmbeddingModel(EmbeddingModel cjk, EmbeddingModel other) {
        this.cjk = cjk;
        this.other = other;
        this.cjkDimension = cjk.dimension();
        this.otherDimension = other.dimension();
    }

    @Override
    public Response<List<Embedding>> embedAll(List<TextSegment> segments) {
        List<TextSegment> cjkTexts = new ArrayList<>();
        List<TextSegment> otherTexts = new ArrayList<>();
        boolean[] isCjk = new boolean[segments.size()];
        for (int i = 0; i < segments.size(); i++) {
            isCjk[i] = mostlyCjk(segments.get(i).text());
            (isCjk[i] ? cjkTexts : otherTexts).add(segments.get(i));
        }
        List<Embedding> a = cjkTexts.isEmpty() ? List.of() : cjk.embedAll(cjkTexts).content();
        List<Embedding> b = otherTexts.isEmpty() ? List.of() : other.embedAll(otherTexts).content();
        List<Embedding> out = new ArrayList<>(segments.size());
        int ia = 0, ib = 0;
        for (boolean c : isCjk) {
            float[] v = new float[dimension()];
            if (c) System.arraycopy(a.get(ia++).vector(), 0, v, 0, cjkDimension);
            else System.arraycopy(b.get(ib++).vector(), 0, v, cjkDimension, otherDimension);
            out.add(Embedding.from(v));
        }
        return Response.from(out);
    }

    /** The query vector: both models, each half scaled so the whole has unit length. */
    @Override
    public float[] embedQuery(String text) {
        float[] a = cjk.embed(text).content().vector();
        float[] b = other.embed(text).content().vector();
        float[] v = new float[dimension()];
        for (int i = 0; i < cjkDimension; i++) v[i] = a[i] * HALF;
        for (int i = 0; i < otherDimension; i++) v[cjkDimension + i] = b[i] * HALF;
        return v;
    }

    @Override
    public int dimension() {
        return cjkDimension + otherDimension;
    }

    /** True when at least a fifth of the letters are Han, kana or hangul. */
    static boolean mostlyCjk(String text) {
        int letters = 0, cjkLetters = 0;
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            i += Character.charCount(cp);
            if (!Character.isLetter(cp)) continue;
            letters++;
            if (TokenEstimator.isCjk(cp)) cjkLetters++;
        }
        return letters > 0 && cjkLetters * 5 >= letters;
    }
}
