package dev.engram.gateway.config;

import dev.engram.core.Memory;
import dev.engram.core.MemoryBuilder;
import dev.engram.core.engine.MemoryEngine;
import dev.engram.core.error.ConfigurationException;
import dev.engram.core.error.StorageException;
import dev.engram.core.llm.ChatModels;
import dev.engram.core.llm.LlmSettings;
import dev.engram.core.spi.MemoryStore;
import dev.engram.core.store.jdbc.JdbcMemoryStore;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import org.h2.jdbcx.JdbcConnectionPool;
import org.jboss.logging.Logger;

import javax.sql.DataSource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Builds the platform's storage and engine from {@link EngramConfig}: the one place where {@code engram.storage.kind}
 * selects implementations. EMBEDDED opens one H2 database (memories, events, API keys) and a Lucene index under the data
 * directory; other kinds (PostgreSQL, Qdrant) plug in here later.
 */
@Singleton
public class EngineProducer {

    private static final Logger LOG = Logger.getLogger(EngineProducer.class);
    private static final int POOL_SIZE = 16;

    private final EngramConfig config;

    EngineProducer(EngramConfig config) {
        this.config = config;
    }

    /** The platform database: owned here, shared by the memory store, the event store and the API key store. */
    @Produces
    @Singleton
    PlatformDatabase database() {
        return switch (config.storage().kind()) {
            case EMBEDDED -> PlatformDatabase.embeddedH2(config.dataDir().resolve("store"));
        };
    }

    void closeDatabase(@Disposes PlatformDatabase database) {
        database.close();
    }

    @Produces
    @Singleton
    MemoryStore memoryStore(PlatformDatabase database) {
        return new JdbcMemoryStore(database.dataSource());
    }

    @Produces
    @Singleton
    Memory memory(MemoryStore store, MeterRegistry registry) {
        MemoryBuilder builder = Memory.builder().dataDir(config.dataDir()).store(store).meterRegistry(registry);
        config.llm().model().ifPresent(model -> {
            LlmSettings settings = LlmSettings.openAi(config.llm().baseUrl().orElse(null), config.llm().apiKey().orElse(null), model);
            LOG.infof("LLM extraction and reconciliation: %s", settings);
            builder.chatModel(ChatModels.create(settings));
        });
        Memory memory = builder.build();
        LOG.infof("Memory engine open in %s", config.dataDir());
        return memory;
    }

    void closeMemory(@Disposes Memory memory) {
        memory.close();
    }

    @Produces
    @Singleton
    MemoryEngine engine(Memory memory) {
        return memory.engine();
    }

    /**
     * The platform's JDBC database: {@code dataSource} is its default schema (memories, history, events, owned by
     * memory-core's migrations); {@code gatewayDataSource} works in the {@code GATEWAY} schema the gateway owns and
     * migrates itself (projects, API keys), so the two version independently.
     */
    public record PlatformDatabase(DataSource dataSource, DataSource gatewayDataSource, AutoCloseable resources) {

        static PlatformDatabase embeddedH2(Path directory) {
            Path file = directory.toAbsolutePath().resolve("engram");
            if (file.toString().indexOf(';') >= 0) throw new ConfigurationException("The data directory must not contain ';': " + directory);
            try {
                Files.createDirectories(directory);
            } catch (IOException e) {
                throw new StorageException("Cannot create the store directory " + directory, e);
            }
            // DB_CLOSE_ON_EXIT=FALSE: H2's own JVM shutdown hook would close the database under the ingest queue still
            // draining on SIGTERM; the database closes when this bean is disposed, after the queue (IngestProducer).
            String url = "jdbc:h2:file:" + file + ";WRITE_DELAY=0;DB_CLOSE_ON_EXIT=FALSE";
            JdbcConnectionPool pool = JdbcConnectionPool.create(url, "sa", "");
            pool.setMaxConnections(POOL_SIZE);
            // same database (same file, same JVM); connections of this pool start in the GATEWAY schema
            JdbcConnectionPool gateway = JdbcConnectionPool.create(url + ";INIT=CREATE SCHEMA IF NOT EXISTS GATEWAY\\;SET SCHEMA GATEWAY", "sa", "");
            gateway.setMaxConnections(4);
            return new PlatformDatabase(pool, gateway, () -> {
                gateway.dispose();
                pool.dispose();
            });
        }

        void close() {
            try {
                resources.close();
            } catch (Exception e) {
                LOG.warn("Closing the platform database failed", e);
            }
        }
    }
}
