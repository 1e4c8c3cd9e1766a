package dev.engram.core.index.lucene;

import org.apache.lucene.document.KnnByteVectorField;
import org.apache.lucene.index.ByteVectorValues;
import org.apache.lucene.index.FieldInfo;
import org.apache.lucene.index.KnnVectorValues;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.VectorSimilarityFunction;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.FieldExistsQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.KnnByteVectorQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The {@link VectorEncoding#INT8_COMPACT} layout: each vector is kept as 8-bit integers
 * (its own scale: the largest magnitude becomes ±127), and only over its non-zero span, with no float copy.
 *
 * <p>The span is the vector's first to last non-zero dimension, widened to multiples of {@value #BLOCK}; it is used
 * only when it saves at least a quarter of the dimensions, else the span is the whole vector. A bilingual embedding
 * (one language's half filled, the other half zero) thus keeps 512 or 384 bytes instead of 896 floats; a dense one
 * keeps all its dimensions. Each span is its own byte-vector field ({@code _v8:start-end}, cosine), with its own graph.
 *
 * <p>A search runs the query's part over each span's field, quantized the same way, for {@code oversample × k}
 * candidates; each candidate is rescored as {@code (query · stored) / (|query| |stored|)} with the float query and the
 * stored bytes. Since a stored vector is zero outside its span, that is its cosine with the whole query, up to the
 * stored vector's rounding (about 0.002 on 384-dimensional embeddings). So the candidates of all spans are merged by
 * that score, and the top {@code k} kept.
 */
final class CompactVectors {

    static final String PREFIX = "_v8:";
    static final int BLOCK = 64;

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

    /** The vector's span as 8-bit integers: the largest magnitude maps to ±127. */
    static byte[] quantize(float[] v, Span span) {
        float max = 0;
        for (int i = span.start(); i < span.end(); i++) max = Math.max(max, Math.abs(v[i]));
        byte[] out = new byte[span.end() - span.start()];
        if (max == 0) return out;
        float scale = 127f / max;
        for (int i = 0; i < out.length; i++) out[i] = (byte) Math.max(-127, Math.min(127, Math.round(v[span.start() + i] * scale)));
        return out;
    }

    /** The document field of a (checked, non-zero) vector. */
    static KnnByteVectorField field(float[] vector) {
        Span span = span(vector);
        return new KnnByteVectorField(span.field(), quantize(vector, span), VectorSimilarityFunction.COSINE);
    }

    /** The {@code k} nearest under the filter as {doc, cosine}, most similar first, over every span's field. */
    static List<double[]> nearest(IndexSearcher searcher, float[] query, int k, int oversample, Query filter) throws IOException {
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
            int candidates = k * oversample;
            Query knn = new KnnByteVectorQuery(field, quantize(query, span), candidates, filter);
            for (ScoreDoc sd : searcher.search(knn, candidates).scoreDocs) {
                all.add(new double[]{sd.doc, cosine(searcher, sd.doc, field, span, query, queryNorm)});
            }
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
            return cosine(query, norm(query, 0, query.length), span, values.vectorValue(it.index()));
        }
        throw new IllegalStateException("document without vector");
    }

    private static double cosine(IndexSearcher searcher, int doc, String field, Span span, float[] query, double queryNorm)
            throws IOException {
        LeafReaderContext leaf = leaf(searcher, doc);
        ByteVectorValues values = leaf.reader().getByteVectorValues(field);
        KnnVectorValues.DocIndexIterator it = values.iterator();
        if (it.advance(doc - leaf.docBase) != doc - leaf.docBase) throw new IllegalStateException("document without vector");
        return cosine(query, queryNorm, span, values.vectorValue(it.index()));
    }

    /** The float query against the stored bytes, which are zero outside their span. */
    static double cosine(float[] query, double queryNorm, Span span, byte[] stored) {
        double dot = 0, norm = 0;
        for (int i = 0; i < stored.length; i++) {
            dot += query[span.start() + i] * stored[i];
            norm += stored[i] * stored[i];
        }
        return norm == 0 || queryNorm == 0 ? 0 : dot / (Math.sqrt(norm) * queryNorm);
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
