package dev.engram.gateway.ingest;

import dev.engram.core.engine.MemoryEngine;
import dev.engram.core.ingest.EventStore;
import dev.engram.core.ingest.IngestProcessor;
import dev.engram.core.ingest.IngestQueue;
import dev.engram.core.ingest.RetryPolicy;
import dev.engram.core.ingest.journal.JournalIngestQueue;
import dev.engram.core.ingest.journal.JournalSettings;
import dev.engram.core.usage.IngestUsageRecorder;
import dev.engram.core.usage.UsageSink;
import dev.engram.core.webhook.WebhookOutbox;
import dev.engram.gateway.config.EngramConfig;
import dev.engram.gateway.messaging.KafkaIngestQueue;
import dev.engram.core.error.ConfigurationException;
import dev.engram.core.config.PropertySubset;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;
import org.jboss.logging.Logger;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.util.Map;

/**
 * The ingest queue the add routes use, and the {@link IngestProcessor} that drains the queue into the engine. Events
 * live in the platform's event store and accepted adds in the durable journal under
 * {@code <data-dir>/journal} (or on Kafka, see {@link #ingestQueue}), so neither an event's status nor a PENDING add is lost when the process stops.
 */
@Singleton
public class IngestProducer {

    private static final Logger LOG = Logger.getLogger(IngestProducer.class);

    /**
     * The one place {@code engram.ingest.kind} selects the queue. JOURNAL: this process drains the journal into the engine.
     * KAFKA: adds go to the topic and the ingest workers process them; the gateway only produces.
     */
    @Produces
    @Singleton
    IngestQueue ingestQueue(MemoryEngine engine, EventStore events, EngramConfig config, MeterRegistry registry, UsageSink usage,
                            WebhookOutbox webhooks) {
        return switch (config.ingest().kind()) {
            case JOURNAL -> {
                var processor = new IngestProcessor(engine, events, Clock.systemUTC(), RetryPolicy.defaults(), registry,
                        webhooks.listener().andThen(new IngestUsageRecorder(usage, Clock.systemUTC())));
                yield JournalIngestQueue.open(config.dataDir().resolve("journal"), processor,
                        JournalSettings.defaults().withPartitions(config.ingest().workers()), registry);
            }
            case KAFKA -> {
                Config all = ConfigProvider.getConfig(); // every kafka.<client property>, prefix removed (Quarkus' convention)
                Map<String, Object> client = PropertySubset.of(all.getPropertyNames(), n -> all.getOptionalValue(n, String.class), "kafka.");
                if (!client.containsKey("bootstrap.servers")) {
                    throw new ConfigurationException("engram.ingest.kind=KAFKA needs kafka.bootstrap.servers");
                }
                LOG.infof("Ingest queue: Kafka topic %s on %s", config.kafka().topic(), client.get("bootstrap.servers"));
                yield new KafkaIngestQueue(client, config.kafka().topic(), config.kafka().sendTimeout());
            }
        };
    }

    /**
     * Opens the journal at start, not at the first add: opening it redelivers what a previous run accepted but did not
     * finish, and those events must complete even if no new add arrives.
     */
    void openAtStart(@Observes StartupEvent event, IngestQueue queue) {
        queue.getClass(); // resolving the bean opens the journal
    }

    /**
     * Drains and closes the queue while the database and engine are still open: bean disposal order is not defined, and
     * an event whose status could not be written would be dead-lettered instead of redelivered at the next start.
     */
    void closeAtShutdown(@Observes ShutdownEvent event, IngestQueue queue) {
        queue.close();
    }

    void close(@Disposes IngestQueue queue) {
        queue.close(); // already closed at shutdown; closing again is a no-op
    }
}
