package dev.engram.bench;

import dev.engram.core.domain.Filter;
import dev.engram.core.domain.Tenant;
import dev.engram.core.index.lucene.LuceneVectorIndex;
import dev.engram.core.spi.IndexHit;
import dev.engram.core.spi.IndexQuery;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.PriorityQueue;
import java.util.stream.Stream;

/**
 * What the index benchmarks share: an index's top {@value #K} for a vector, the exact answer by brute force over the
 * same (normalized) vectors, and how many of the index's hits reach it. A memory's id carries its vector's position.
 */
final class ExactRecall {

    static final int K = 10;

    /** Which positions are in the scope being searched. */
    interface Scoped {
        boolean test(int i);
    }

    private ExactRecall() {
    }

    /** The index's top {@value #K} for {@code vector} under {@code filter} (null: the whole tenant), vector side only. */
    static List<IndexHit> search(LuceneVectorIndex index, float[] vector, Filter filter) {
        return index.search(Tenant.DEFAULT, new IndexQuery(vector, null, filter, K, false));
    }

    /** The {@value #K}th highest cosine to {@code query} among the scoped vectors, by brute force. */
    static double kthCosine(float[][] vectors, float[] query, Scoped scoped) {
        PriorityQueue<Double> top = new PriorityQueue<>();
        for (int i = 0; i < vectors.length; i++) {
            if (!scoped.test(i)) continue;
            top.add(dot(vectors[i], query));
            if (top.size() > K) top.poll();
        }
        return top.isEmpty() ? Double.NEGATIVE_INFINITY : top.peek();
    }

    /** Hits whose cosine reaches the exact {@value #K}th (every scope searched holds at least {@value #K} memories). */
    static int found(List<IndexHit> hits, float[][] vectors, float[] query, double kthCosine) {
        int found = 0;
        for (IndexHit hit : hits.subList(0, Math.min(K, hits.size()))) {
            if (dot(vectors[(int) hit.id().getLeastSignificantBits()], query) >= kthCosine - 1e-6) found++;
        }
        return found;
    }

    static double dot(float[] a, float[] b) {
        double dot = 0;
        for (int d = 0; d < a.length; d++) dot += a[d] * b[d];
        return dot;
    }

    static float[] normalized(float[] v) {
        double norm = 0;
        for (float x : v) norm += x * x;
        float inv = (float) (1 / Math.sqrt(norm));
        float[] out = new float[v.length];
        for (int i = 0; i < v.length; i++) out[i] = v[i] * inv;
        return out;
    }

    /** Bytes of every file under {@code dir}. */
    static long directorySize(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
