package dev.engram.gateway.export;

import dev.engram.core.engine.MemoryEngine;
import dev.engram.core.export.ExportJobStore;
import dev.engram.core.export.ExportRunner;
import dev.engram.gateway.config.EngramConfig;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import org.jboss.logging.Logger;

import java.time.Clock;

/**
 * Starts the gateway's {@link ExportRunner} at start ({@code engram.exports.run}, on by default) and stops it at
 * shutdown, before the stores close. A job this gateway was writing when it stopped is left RUNNING; once silent for
 * {@code engram.exports.stale-after} it is taken over (by this gateway after a restart, or by another on the same
 * database) and starts again.
 */
@Singleton
public class ExportRunnerLifecycle {

    private static final Logger LOG = Logger.getLogger(ExportRunnerLifecycle.class);

    private final EngramConfig config;
    private final ExportJobStore store;
    private final MemoryEngine engine;
    private ExportRunner runner;

    ExportRunnerLifecycle(EngramConfig config, ExportJobStore store, MemoryEngine engine) {
        this.config = config;
        this.store = store;
        this.engine = engine;
    }

    void start(@Observes StartupEvent event) {
        EngramConfig.Exports e = config.exports();
        if (!e.run()) {
            LOG.info("Memory export jobs are not run on this gateway (engram.exports.run=false)");
            return;
        }
        runner = new ExportRunner(store, engine, new ExportRunner.Settings(Math.max(1, e.concurrency()), e.pollInterval(), e.staleAfter(),
                Math.max(1, e.maxAttempts()), e.maxResultChars(), e.retention()), Clock.systemUTC());
        runner.start();
    }

    void stop(@Observes ShutdownEvent event) {
        if (runner != null) runner.close();
    }
}
