package dev.engram.bench.http;

import java.io.PrintStream;
import java.util.Locale;

/**
 * A progress line for a long load: done of total, percent, the rate so far and the time left at that rate, printed at
 * most every {@code everyNanos} (rewritten in place on a terminal, one line each otherwise).
 */
public final class Progress {

    private final String what;
    private final long total;
    private final PrintStream out;
    private final long everyNanos;
    private final boolean terminal;
    private final long start = System.nanoTime();
    private long lastPrint;

    public Progress(String what, long total, PrintStream out, long everyNanos) {
        this.what = what;
        this.total = total;
        this.out = out;
        this.everyNanos = everyNanos;
        this.terminal = System.console() != null;
        this.lastPrint = start;
    }

    /** Reports {@code done}; prints when the interval has passed. Thread-safe. */
    public synchronized void update(long done) {
        long now = System.nanoTime();
        if (now - lastPrint < everyNanos) return;
        lastPrint = now;
        print(done, now);
    }

    /** The final line. */
    public synchronized void finish(long done) {
        print(done, System.nanoTime());
        if (terminal) out.println();
    }

    private void print(long done, long now) {
        String line = line(what, done, total, now - start);
        if (terminal) out.print("\r" + line + "   ");
        else out.println(line);
        out.flush();
    }

    /** {@code loading: 4,200 / 10,000 (42.0%), 310.5/s, ETA 0:19}. */
    public static String line(String what, long done, long total, long elapsedNanos) {
        double seconds = elapsedNanos / 1e9;
        double rate = seconds > 0 ? done / seconds : 0;
        String eta = rate > 0 ? duration(Math.round((total - done) / rate)) : "?";
        return String.format(Locale.ROOT, "%s: %,d / %,d (%.1f%%), %.1f/s, elapsed %s, ETA %s", what, done, total,
                total == 0 ? 100.0 : 100.0 * done / total, rate, duration(Math.round(seconds)), eta);
    }

    /** Seconds as {@code m:ss} or {@code h:mm:ss}. */
    public static String duration(long seconds) {
        long h = seconds / 3600, m = seconds % 3600 / 60, s = seconds % 60;
        return h > 0 ? String.format(Locale.ROOT, "%d:%02d:%02d", h, m, s) : String.format(Locale.ROOT, "%d:%02d", m, s);
    }
}
