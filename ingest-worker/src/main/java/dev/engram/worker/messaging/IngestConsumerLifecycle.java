package dev.engram.worker.messaging;

import dev.engram.core.engine.MemoryEngine;
import dev.engram.core.error.ConfigurationException;
import dev.engram.core.ingest.EventStore;
import dev.engram.core.ingest.IngestProcessor;
import dev.engram.core.ingest.RetryPolicy;
import dev.engram.core.usage.BufferedUsageSink;
import dev.engram.core.usage.IngestUsageRecorder;
import dev.engram.core.usage.UsageSink;
import dev.engram.core.webhook.WebhookOutbox;
import dev.engram.platform.messaging.KafkaUsageTransport;
import dev.engram.worker.config.WorkerConfig;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.runtime.Quarkus;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Singleton;
import dev.engram.core.config.PropertySubset;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.util.Map;

/**
 * Starts the worker's {@link KafkaIngestConsumer} with the application and stops it first at shutdown, while the engine
 * and event store are still open, so the record in flight finishes and is committed.
 */
@Singleton
public class IngestConsumerLifecycle {

    private static final Logger LOG = Logger.getLogger(IngestConsumerLifecycle.class);

    private final WorkerConfig config;
    // Looked up at start, not injected: in migrate-only mode the engine (model, index connection) is never built.
    private final Instance<MemoryEngine> engine;
    private final Instance<EventStore> events;
    private final Instance<WebhookOutbox> webhooks;
    private final MeterRegistry registry;
    private KafkaIngestConsumer consumer;
    private UsageSink usage = UsageSink.NONE;

    IngestConsumerLifecycle(WorkerConfig config, Instance<MemoryEngine> engine, Instance<EventStore> events,
                            Instance<WebhookOutbox> webhooks, MeterRegistry registry) {
        this.config = config;
        this.webhooks = webhooks;
        this.engine = engine;
        this.events = events;
        this.registry = registry;
    }

    synchronized void start(@Observes StartupEvent event) {
        if (config.migrateOnly()) {
            // Flyway ran during start-up, before this observer: the schema is current.
            LOG.info("Database migrations applied (engram.migrate-only=true); exiting");
            Quarkus.asyncExit(0);
            return;
        }
        WorkerConfig.Kafka kafka = config.kafka();
        if (!kafka.enabled()) {
            LOG.info("The ingest consumer is disabled (engram.kafka.enabled=false)");
            return;
        }
        Config config = ConfigProvider.getConfig(); // every kafka.<client property>, prefix removed (Quarkus' convention)
        Map<String, Object> client = PropertySubset.of(config.getPropertyNames(), n -> config.getOptionalValue(n, String.class), "kafka.");
        if (!client.containsKey("bootstrap.servers")) throw new ConfigurationException("The ingest worker needs kafka.bootstrap.servers");
        if (this.config.usage().enabled()) {
            usage = new BufferedUsageSink(this.config.usage().bufferSize(),
                    new KafkaUsageTransport(client, this.config.usage().topic(), registry), registry);
        }
        var processor = new IngestProcessor(engine.get(), events.get(), Clock.systemUTC(), RetryPolicy.defaults(), registry,
                webhooks.get().listener().andThen(new IngestUsageRecorder(usage, Clock.systemUTC())), IngestProcessor.StorageOutage.REDELIVER);
        var settings = new KafkaIngestConsumer.Settings(kafka.topic(), kafka.deadLetterTopic(), kafka.group(), kafka.maxPollRecords(),
                kafka.pollTimeout());
        consumer = new KafkaIngestConsumer(client, settings, processor, registry);
        consumer.start();
        LOG.infof("Consuming %s on %s as group %s", kafka.topic(), client.get("bootstrap.servers"), kafka.group());
    }

    synchronized void stop(@Observes ShutdownEvent event) {
        if (consumer != null) consumer.close();
        consumer = null;
        usage.close(); // after the consumer: the last processed events' usage is flushed
        usage = UsageSink.NONE;
    }
}
