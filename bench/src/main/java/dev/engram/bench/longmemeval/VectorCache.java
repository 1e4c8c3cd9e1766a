package dev.engram.bench.longmemeval;

import dev.engram.core.engine.Embedder;

import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Text vectors kept on disk so a rerun does not embed again: one append-only file per embedder
 * ({@code <dir>/<embedder name>.vectors}), records of a 16-byte SHA-256 prefix of the text and the vector. A record
 * cut short by an interrupted run is dropped when the cache is opened.
 */
final class VectorCache implements AutoCloseable {

    private static final int KEY_BYTES = 16, BATCH = 64;

    private final Embedder embedder;
    private final Map<String, float[]> vectors = new HashMap<>();
    private final DataOutputStream out;
    private long hits, misses;

    VectorCache(Embedder embedder, Path dir) {
        this.embedder = embedder;
        Path file = dir.resolve(embedder.name().replaceAll("[^A-Za-z0-9._-]", "_") + ".vectors");
        try {
            Files.createDirectories(dir);
            if (Files.exists(file)) {
                long whole = readAll(file) * (KEY_BYTES + 4L * embedder.dimension());
                try (var ch = java.nio.channels.FileChannel.open(file, StandardOpenOption.WRITE)) {
                    if (ch.size() > whole) ch.truncate(whole);
                }
            }
            this.out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(file, StandardOpenOption.CREATE, StandardOpenOption.APPEND)));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot open the vector cache " + file + ": " + e.getMessage(), e);
        }
    }

    /** Reads the whole records; returns how many. */
    private long readAll(Path file) throws IOException {
        int dim = embedder.dimension();
        long count = 0;
        try (var in = new DataInputStream(new java.io.BufferedInputStream(Files.newInputStream(file), 1 << 16))) {
            byte[] key = new byte[KEY_BYTES];
            while (true) {
                float[] v = new float[dim];
                try {
                    in.readFully(key);
                    for (int i = 0; i < dim; i++) v[i] = in.readFloat();
                } catch (EOFException end) {
                    return count;
                }
                vectors.put(HexFormat.of().formatHex(key), v);
                count++;
            }
        }
    }

    /** The vectors of {@code texts}, in order; texts not seen before are embedded (in batches) and appended. */
    List<float[]> vectors(List<String> texts) {
        Map<String, String> missing = new LinkedHashMap<>(); // key -> text
        List<String> keys = new ArrayList<>(texts.size());
        for (String t : texts) {
            String k = key(t);
            keys.add(k);
            if (vectors.containsKey(k)) hits++;
            else if (missing.putIfAbsent(k, t) == null) misses++;
        }
        List<String> ks = new ArrayList<>(missing.keySet());
        for (int from = 0; from < ks.size(); from += BATCH) {
            List<String> batchKeys = ks.subList(from, Math.min(ks.size(), from + BATCH));
            List<float[]> embedded = embedder.embedAll(batchKeys.stream().map(missing::get).toList());
            for (int i = 0; i < batchKeys.size(); i++) append(batchKeys.get(i), embedded.get(i));
        }
        flush();
        List<float[]> result = new ArrayList<>(texts.size());
        for (String k : keys) result.add(vectors.get(k));
        return result;
    }

    long hits() {
        return hits;
    }

    long misses() {
        return misses;
    }

    private void append(String key, float[] v) {
        vectors.put(key, v);
        try {
            out.write(HexFormat.of().parseHex(key));
            for (float f : v) out.writeFloat(f);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void flush() {
        try {
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String key(String text) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(d, 0, KEY_BYTES);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        try {
            out.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
