package dev.engram.worker.platform;

import dev.engram.core.Memory;
import dev.engram.core.engine.MemoryEngine;
import dev.engram.core.error.ConfigurationException;
import dev.engram.core.error.StorageException;
import dev.engram.core.ingest.EventStore;
import dev.engram.core.store.jdbc.JdbcEventStore;
import dev.engram.core.store.jdbc.JdbcMemoryStore;
import dev.engram.worker.config.WorkerConfig;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import org.h2.jdbcx.JdbcConnectionPool;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The worker's storage seam: the ONE place {@code engram.storage.kind} turns into a {@link MemoryEngine} and an
 * {@link EventStore}. EMBEDDED opens an H2 database (memories and events) and a Lucene index under the data directory;
 * the platform backends (PostgreSQL, Qdrant) become further cases of {@link #backend()}.
 */
@Singleton
public class BackendProducer {

    private static final Logger LOG = Logger.getLogger(BackendProducer.class);
    private static final int POOL_SIZE = 8;

    private final WorkerConfig config;
    private final MeterRegistry registry;

    BackendProducer(WorkerConfig config, MeterRegistry registry) {
        this.config = config;
        this.registry = registry;
    }

    @Produces
    @Singleton
    Backend backend() {
        return switch (config.storage().kind()) {
            case EMBEDDED -> embedded(config.dataDir());
        };
    }

    void close(@Disposes Backend backend) {
        backend.close();
    }

    @Produces
    @Singleton
    MemoryEngine engine(Backend backend) {
        return backend.memory().engine();
    }

    @Produces
    @Singleton
    EventStore eventStore(Backend backend) {
        return backend.events();
    }

    private Backend embedded(Path dataDir) {
        Path directory = dataDir.resolve("store").toAbsolutePath();
        Path file = directory.resolve("engram");
        if (file.toString().indexOf(';') >= 0) throw new ConfigurationException("The data directory must not contain ';': " + dataDir);
        try {
            Files.createDirectories(directory);
        } catch (IOException e) {
            throw new StorageException("Cannot create the store directory " + directory, e);
        }
        JdbcConnectionPool pool = JdbcConnectionPool.create("jdbc:h2:file:" + file + ";WRITE_DELAY=0;DB_CLOSE_ON_EXIT=FALSE", "sa", "");
        pool.setMaxConnections(POOL_SIZE);
        try {
            var store = new JdbcMemoryStore(pool); // migrates the schema: memories, history and events
            Memory memory = Memory.builder().dataDir(dataDir).store(store).meterRegistry(registry).build();
            LOG.infof("Memory engine open in %s", dataDir);
            return new Backend(memory, new JdbcEventStore(pool), pool::dispose);
        } catch (RuntimeException e) {
            pool.dispose();
            throw e;
        }
    }

    /** What the worker processes events with, and what to close when it stops. */
    public record Backend(Memory memory, EventStore events, AutoCloseable resources) {

        void close() {
            try {
                memory.close();
            } finally {
                try {
                    resources.close();
                } catch (Exception e) {
                    LOG.warn("Closing the worker's storage failed", e);
                }
            }
        }
    }
}
