package dev.engram.testing.process;

/**
 * Stops a server the tests started exactly once: when it is closed, or from a JVM shutdown hook when the test run ends
 * without closing it (a failed {@code @BeforeAll}, a killed build), so no database, broker or app outlives the run.
 */
public final class StopOnce {

    private final Runnable stop;
    private final Thread hook;
    private volatile boolean stopped;

    /** Registers the shutdown hook (thread {@code <name>-shutdown}) that runs {@code stop} if {@link #close} did not. */
    public StopOnce(String name, Runnable stop) {
        this.stop = stop;
        this.hook = new Thread(this::stop, name + "-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
    }

    /** True once the stop has begun; read without a lock, so a server may check it under its own. */
    public boolean stopped() {
        return stopped;
    }

    /** Stops now (nothing when already stopped) and removes the shutdown hook. */
    public void close() {
        stop();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // the JVM is already shutting down; the hook runs stop(), which does nothing twice
        }
    }

    private synchronized void stop() {
        if (stopped) return;
        stopped = true;
        stop.run();
    }
}
