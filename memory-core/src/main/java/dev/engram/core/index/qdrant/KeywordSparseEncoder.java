package dev.engram.core.index.qdrant;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.CharArraySet;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.cjk.CJKAnalyzer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.util.BytesRef;
import org.apache.lucene.util.StringHelper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Turns text into the sparse vectors of the keyword side of hybrid search, computed client-side so Qdrant needs no
 * inference: Lucene's CJK analyzer (standard tokenization, width folding, lower case, CJK bigrams; no stop words)
 * splits the text, each term maps to a dimension through a stable 32-bit hash (murmur3 of its UTF-8 bytes), a document
 * weighs its terms with BM25's saturated term frequency and a query weighs each distinct term 1.0. Qdrant multiplies
 * by the IDF (collection modifier {@code idf}), so the dot product is a BM25 score.
 *
 * <p>Document length normalisation uses a fixed nominal length, since the average length of the corpus is not known
 * client-side; memories are short facts of similar length.
 */
final class KeywordSparseEncoder implements AutoCloseable {

    /** A sparse vector: parallel lists of dimensions and weights, dimensions unique. */
    record SparseVector(List<Integer> indices, List<Float> values) {
        boolean isEmpty() {
            return indices.isEmpty();
        }
    }

    static final double K1 = 1.2;
    static final double B = 0.75;
    static final double NOMINAL_DOC_LENGTH = 12.0;

    private final Analyzer analyzer = new CJKAnalyzer(CharArraySet.EMPTY_SET);

    /** BM25 term weights of a document. */
    SparseVector document(String text) {
        Map<Integer, Integer> tf = termFrequencies(text);
        int length = tf.values().stream().mapToInt(Integer::intValue).sum();
        double norm = K1 * (1 - B + B * length / NOMINAL_DOC_LENGTH);
        List<Integer> indices = new ArrayList<>(tf.size());
        List<Float> values = new ArrayList<>(tf.size());
        tf.forEach((dim, f) -> {
            indices.add(dim);
            values.add((float) (f * (K1 + 1) / (f + norm)));
        });
        return new SparseVector(indices, values);
    }

    /** One per distinct query term. */
    SparseVector query(String text) {
        Map<Integer, Integer> tf = termFrequencies(text);
        List<Integer> indices = new ArrayList<>(tf.keySet());
        List<Float> values = new ArrayList<>(indices.size());
        for (int i = 0; i < indices.size(); i++) values.add(1.0f);
        return new SparseVector(indices, values);
    }

    /** The analyzed terms of a text, in order. */
    List<String> terms(String text) {
        List<String> terms = new ArrayList<>();
        if (text == null || text.isBlank()) return terms;
        try (TokenStream ts = analyzer.tokenStream("text", text)) {
            CharTermAttribute term = ts.addAttribute(CharTermAttribute.class);
            ts.reset();
            while (ts.incrementToken()) terms.add(term.toString());
            ts.end();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot analyze text", e);
        }
        return terms;
    }

    /** The sparse dimension of a term; Qdrant reads it as an unsigned 32-bit index. */
    static int dimension(String term) {
        BytesRef bytes = new BytesRef(term);
        return StringHelper.murmurhash3_x86_32(bytes.bytes, bytes.offset, bytes.length, 0x9747b28c);
    }

    private Map<Integer, Integer> termFrequencies(String text) {
        // sorted by dimension: deterministic vectors, and hash collisions simply add up
        Map<Integer, Integer> tf = new TreeMap<>();
        for (String t : terms(text)) tf.merge(dimension(t), 1, Integer::sum);
        return tf;
    }

    @Override
    public void close() {
        analyzer.close();
    }
}
