package dev.engram.core.spi;

/** Vector arithmetic shared by the engine and the index adapters. */
public final class Vectors {

    private Vectors() {
    }

    /** Cosine similarity in double precision; 0 for a zero vector or vectors of different lengths. */
    public static double cosine(float[] a, float[] b) {
        if (a.length != b.length) return 0;
        double dot = 0, na = 0, nb = 0;
        for (int i = 0; i < a.length; i++) {
            dot += (double) a[i] * b[i];
            na += (double) a[i] * a[i];
            nb += (double) b[i] * b[i];
        }
        return na == 0 || nb == 0 ? 0 : dot / Math.sqrt(na * nb);
    }
}
