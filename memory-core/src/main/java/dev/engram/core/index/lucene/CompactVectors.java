package dev.engram.core.index.lucene;

import org.apache.lucene.document.BinaryDocValuesField;
import org.apache.lucene.document.KnnByteVectorField;
import org.apache.lucene.index.BinaryDocValues;
import org.apache.lucene.index.ByteVectorValues;
import org.apache.lucene.index.FieldInfo;
import org.apache.lucene.index.IndexableField;
import org.apache.lucene.index.KnnVectorValues;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.VectorSimilarityFunction;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.FieldExistsQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.KnnByteVectorQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.ScoreMode;
import org.apache.lucene.search.Scorer;
import org.apache.lucene.search.Weight;
import org.apache.lucene.util.BytesRef;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The {@link VectorEncoding#INT8_COMPACT} layout: each vector is kept as 8-bit integers, only over its non-zero span,
 * with no float copy.
 *
 * <p>Embeddings have a few outlier dimensions (bge-small-en: one near 0.47 in almost every vector, where the 99th
 * percentile magnitude is 0.15), so scaling by the largest magnitude would waste most of the 8 bits. The scale maps
 * the fifth largest magnitude to 127; the up to {@value #OUTLIERS} larger components are clipped to ±127 in the graph's
 * vector and kept exactly, with the scale, in a small binary doc value ({@value #EXACT}: 5 bytes, plus 6 per outlier),
 * which rescoring reads (docs/benchmarks.md has the effect on recall).
 *
 * <p>The span is the vector's first to last non-zero dimension, widened to multiples of {@value #BLOCK}; it is used
 * only when it saves at least a quarter of the dimensions, else the span is the whole vector. A bilingual embedding
 * (one language's half filled, the other half zero) thus keeps 512 or 384 bytes instead of 896 floats; a dense one
 * keeps all its dimensions. Each span is its own byte-vector field ({@code _v8:start-end}, cosine), with its own graph.
 *
 * <p>A search runs the query's part over each span's field, quantized the same way, for {@code oversample × k}
 * candidates, or takes every vector of the span under the filter when there are at most
 * {@link LuceneIndexOptions#exactSearchLimit()} (1000 by default: one user's memories). Each candidate is rescored as {@code (query · stored) / (|query| |stored|)} with the float query and
 * the stored vector (bytes / scale, outliers exact). Since a stored vector is zero outside its span, that is its cosine
 * with the whole query, up to the stored vector's rounding. So the candidates of all spans are merged by that score,
 * and the top {@code k} kept.
 */
final class CompactVectors {

    static final String PREFIX = "_v8:";
    /** The scale and the exact outlier components of a document's vector. */
    static final String EXACT = "_v8x";
    static final int BLOCK = 64;
    static final int OUTLIERS = 4;

    private CompactVectors() {
    }

    /** The dimensions {@code [start, end)} a vector's field covers. */
    record Span(int start, int end) {
        String field() {
            return PREFIX + start + "-" + end;
        }

        static Span ofField(String field) {
            int dash = field.indexOf('-', PREFIX.length());
            return new Span(Integer.parseInt(field.substring(PREFIX.length(), dash)), Integer.parseInt(field.substring(dash + 1)));
        }
    }

    /** The span kept of a non-zero vector. */
    static Span span(float[] v) {
        int first = 0;
        while (first < v.length && v[first] == 0) first++;
        int last = v.length - 1;
        while (last > first && v[last] == 0) last--;
        int start = first / BLOCK * BLOCK;
        int end = Math.min(v.length, (last / BLOCK + 1) * BLOCK);
        return 4 * (end - start) <= 3 * v.length ? new Span(start, end) : new Span(0, v.length);
    }

    /**
     * A span as 8-bit integers {@code round(x × scale)}, clipped to ±127, and the positions (in the span) and exact
     * values of the components beyond 127 / scale, at most {@value #OUTLIERS}.
     */
    record Quantized(byte[] bytes, float scale, short[] outlierAt, float[] outliers) {
    }

    /** The vector's span quantized: 127 / scale is the fifth largest magnitude, or the largest if that is 0. */
    static Quantized quantize(float[] v, Span span) {
        int n = span.end() - span.start();
        float[] largest = new float[OUTLIERS + 1]; // descending
        for (int i = span.start(); i < span.end(); i++) {
            float m = Math.abs(v[i]);
            if (m <= largest[OUTLIERS]) continue;
            int j = OUTLIERS;
            while (j > 0 && largest[j - 1] < m) {
                largest[j] = largest[j - 1];
                j--;
            }
            largest[j] = m;
        }
        float clip = largest[OUTLIERS] > 0 ? largest[OUTLIERS] : largest[0];
        byte[] bytes = new byte[n];
        if (clip == 0) return new Quantized(bytes, 0, new short[0], new float[0]);
        float scale = 127f / clip;
        short[] at = new short[OUTLIERS];
        float[] exact = new float[OUTLIERS];
        int outliers = 0;
        for (int i = 0; i < n; i++) {
            float x = v[span.start() + i];
            bytes[i] = (byte) Math.max(-127, Math.min(127, Math.round(x * scale)));
            if (Math.abs(x) > clip && outliers < OUTLIERS) {
                at[outliers] = (short) i;
                exact[outliers++] = x;
            }
        }
        return new Quantized(bytes, scale, java.util.Arrays.copyOf(at, outliers), java.util.Arrays.copyOf(exact, outliers));
    }

    /** The document fields of a (checked, non-zero) vector: its span's byte vector and the exact parts. */
    static List<IndexableField> fields(float[] vector) {
        Span span = span(vector);
        Quantized q = quantize(vector, span);
        ByteBuffer exact = ByteBuffer.allocate(4 + 1 + 6 * q.outliers().length).putFloat(q.scale()).put((byte) q.outliers().length);
        for (int i = 0; i < q.outliers().length; i++) exact.putShort(q.outlierAt()[i]).putFloat(q.outliers()[i]);
        return List.of(new KnnByteVectorField(span.field(), q.bytes(), VectorSimilarityFunction.COSINE),
                new BinaryDocValuesField(EXACT, new BytesRef(exact.array())));
    }

    /**
     * The documents under a filter in each span's field, as {@link #filteredDocs} found them in one searcher, so that
     * several queries with the same filter scan them once. Valid for that searcher only.
     */
    static final class ScopeDocs {
        private static final int[] MANY = new int[0];
        private final Map<Query, Map<String, int[]>> docs = new HashMap<>();
        private final int limit;

        /** @param limit a scope with at most this many vectors in a span is searched exhaustively instead of through the graph */
        ScopeDocs(int limit) {
            this.limit = limit;
        }

        int[] of(IndexSearcher searcher, String field, Query filter) throws IOException {
            Map<String, int[]> byField = docs.computeIfAbsent(filter, f -> new HashMap<>());
            int[] found = byField.get(field);
            if (found == null) {
                found = filteredDocs(searcher, field, filter, limit);
                if (found == null) found = MANY;
                byField.put(field, found);
            }
            return found == MANY ? null : found.clone(); // rescore sorts its array
        }
    }

    /**
     * The {@code k} nearest under the filter as {doc, cosine}, most similar first, over every span's field; a small
     * scope's documents come from {@code scopes}.
     */
    static List<double[]> nearest(IndexSearcher searcher, float[] query, int k, int oversample, Query filter, ScopeDocs scopes)
            throws IOException {
        double queryNorm = norm(query, 0, query.length);
        List<double[]> all = new ArrayList<>();
        for (String field : fields(searcher)) {
            Span span = Span.ofField(field);
            if (norm(query, span.start(), span.end()) == 0) {
                // Orthogonal to every vector of this span: all have cosine 0, any k of them will do.
                Query exists = new BooleanQuery.Builder().add(new FieldExistsQuery(field), Occur.FILTER).add(filter, Occur.FILTER).build();
                for (ScoreDoc sd : searcher.search(exists, k).scoreDocs) all.add(new double[]{sd.doc, 0.0});
                continue;
            }
            int[] few = scopes.of(searcher, field, filter);
            if (few != null) { // a small scope (one user's memories): every vector in it, no graph
                rescore(searcher, few, field, span, query, queryNorm, all);
                continue;
            }
            int candidates = k * oversample;
            Query knn = new KnnByteVectorQuery(field, quantize(query, span).bytes(), candidates, filter);
            ScoreDoc[] hits = searcher.search(knn, candidates).scoreDocs;
            int[] docs = new int[hits.length];
            for (int i = 0; i < hits.length; i++) docs[i] = hits[i].doc;
            rescore(searcher, docs, field, span, query, queryNorm, all);
        }
        all.sort((a, b) -> Double.compare(b[1], a[1]));
        return all.subList(0, Math.min(k, all.size()));
    }

    /** The cosine of the query with a document's stored vector (0 when it has none). */
    static double storedCosine(IndexSearcher searcher, int doc, float[] query) throws IOException {
        LeafReaderContext leaf = leaf(searcher, doc);
        for (FieldInfo info : leaf.reader().getFieldInfos()) {
            if (!isVectorField(info)) continue;
            ByteVectorValues values = leaf.reader().getByteVectorValues(info.name);
            if (values == null) continue;
            KnnVectorValues.DocIndexIterator it = values.iterator();
            if (it.advance(doc - leaf.docBase) != doc - leaf.docBase) continue;
            Span span = Span.ofField(info.name);
            return cosine(query, norm(query, 0, query.length), span, values.vectorValue(it.index()), exact(leaf, doc));
        }
        throw new IllegalStateException("document without vector");
    }

    /**
     * The documents with a vector in {@code field} that match the filter, in doc order, when there are at most
     * {@code limit}; null when there are more.
     */
    private static int[] filteredDocs(IndexSearcher searcher, String field, Query filter, int limit) throws IOException {
        Query scoped = new BooleanQuery.Builder().add(new FieldExistsQuery(field), Occur.FILTER).add(filter, Occur.FILTER).build();
        Weight weight = searcher.createWeight(searcher.rewrite(scoped), ScoreMode.COMPLETE_NO_SCORES, 1f);
        int[] docs = new int[limit];
        int n = 0;
        for (LeafReaderContext leaf : searcher.getIndexReader().leaves()) {
            Scorer scorer = weight.scorer(leaf);
            if (scorer == null) continue;
            DocIdSetIterator it = scorer.iterator();
            for (int doc = it.nextDoc(); doc != DocIdSetIterator.NO_MORE_DOCS; doc = it.nextDoc()) {
                if (leaf.reader().getLiveDocs() != null && !leaf.reader().getLiveDocs().get(doc)) continue;
                if (n == limit) return null;
                docs[n++] = leaf.docBase + doc;
            }
        }
        return java.util.Arrays.copyOf(docs, n);
    }

    /** Adds {doc, cosine} of each document to {@code out}, reading them in doc order with one pass per segment. */
    private static void rescore(IndexSearcher searcher, int[] docs, String field, Span span, float[] query, double queryNorm,
                                List<double[]> out) throws IOException {
        java.util.Arrays.sort(docs);
        List<LeafReaderContext> leaves = searcher.getIndexReader().leaves();
        int i = 0;
        while (i < docs.length) {
            LeafReaderContext leaf = leaves.get(org.apache.lucene.index.ReaderUtil.subIndex(docs[i], leaves));
            int end = leaf.docBase + leaf.reader().maxDoc();
            ByteVectorValues values = leaf.reader().getByteVectorValues(field);
            KnnVectorValues.DocIndexIterator it = values.iterator();
            BinaryDocValues exact = leaf.reader().getBinaryDocValues(EXACT);
            for (; i < docs.length && docs[i] < end; i++) {
                int doc = docs[i] - leaf.docBase;
                if (it.docID() < doc && it.advance(doc) != doc) throw new IllegalStateException("document without vector");
                ByteBuffer parts = null;
                if (exact != null && exact.advanceExact(doc)) {
                    BytesRef b = exact.binaryValue();
                    parts = ByteBuffer.wrap(b.bytes, b.offset, b.length);
                }
                out.add(new double[]{docs[i], cosine(query, queryNorm, span, values.vectorValue(it.index()), parts)});
            }
        }
    }

    /** The document's scale and exact outliers; null when it has none (then the bytes alone are the vector). */
    private static ByteBuffer exact(LeafReaderContext leaf, int doc) throws IOException {
        BinaryDocValues values = leaf.reader().getBinaryDocValues(EXACT);
        if (values == null || !values.advanceExact(doc - leaf.docBase)) return null;
        BytesRef b = values.binaryValue();
        return ByteBuffer.wrap(b.bytes, b.offset, b.length);
    }

    /**
     * The float query against the stored vector, which is zero outside its span: the bytes divided by the scale, with
     * the outliers' exact values in their place.
     */
    static double cosine(float[] query, double queryNorm, Span span, byte[] stored, ByteBuffer exact) {
        double dot = 0, norm = 0;
        for (int i = 0; i < stored.length; i++) {
            dot += query[span.start() + i] * stored[i];
            norm += stored[i] * stored[i];
        }
        if (exact != null) {
            double scale = exact.getFloat();
            int outliers = exact.get();
            dot /= scale;
            norm /= scale * scale;
            for (int o = 0; o < outliers; o++) {
                int i = exact.getShort();
                double x = exact.getFloat();
                double approx = stored[i] / scale;
                dot += query[span.start() + i] * (x - approx);
                norm += x * x - approx * approx;
            }
        }
        return norm <= 0 || queryNorm == 0 ? 0 : dot / (Math.sqrt(norm) * queryNorm);
    }

    /** The span fields present in the searcher's segments, in a fixed order. */
    private static Set<String> fields(IndexSearcher searcher) {
        Set<String> fields = new TreeSet<>();
        for (LeafReaderContext leaf : searcher.getIndexReader().leaves()) {
            for (FieldInfo info : leaf.reader().getFieldInfos()) {
                if (isVectorField(info)) fields.add(info.name);
            }
        }
        return fields;
    }

    private static boolean isVectorField(FieldInfo info) {
        return info.name.startsWith(PREFIX) && info.getVectorDimension() > 0 && info.getVectorEncoding() == org.apache.lucene.index.VectorEncoding.BYTE;
    }

    private static double norm(float[] v, int from, int to) {
        double sum = 0;
        for (int i = from; i < to; i++) sum += (double) v[i] * v[i];
        return Math.sqrt(sum);
    }

    private static LeafReaderContext leaf(IndexSearcher searcher, int doc) {
        List<LeafReaderContext> leaves = searcher.getIndexReader().leaves();
        return leaves.get(org.apache.lucene.index.ReaderUtil.subIndex(doc, leaves));
    }
}
