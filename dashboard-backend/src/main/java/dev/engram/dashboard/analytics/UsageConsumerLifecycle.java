package dev.engram.dashboard.analytics;

import dev.engram.core.config.PropertySubset;
import dev.engram.dashboard.config.DashboardConfig;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;
import org.jboss.logging.Logger;

import java.util.Map;

/**
 * Starts the usage consumer with the application when analytics are on and Kafka is configured
 * ({@code kafka.bootstrap.servers}); without Kafka (standalone) usage events arrive over HTTP instead
 * ({@link UsageIngestRoute}).
 */
@Singleton
public class UsageConsumerLifecycle {

    private static final Logger LOG = Logger.getLogger(UsageConsumerLifecycle.class);

    private final DashboardConfig config;
    private final UsageRollup rollup;
    private UsageConsumer consumer;

    UsageConsumerLifecycle(DashboardConfig config, UsageRollup rollup) {
        this.config = config;
        this.rollup = rollup;
    }

    synchronized void start(@Observes StartupEvent event) {
        DashboardConfig.Usage usage = config.dashboard().usage();
        if (!usage.enabled()) {
            LOG.info("Usage analytics are off (engram.dashboard.usage.enabled=false)");
            return;
        }
        Config all = ConfigProvider.getConfig(); // every kafka.<client property>, prefix removed (Quarkus' convention)
        Map<String, Object> client = PropertySubset.of(all.getPropertyNames(), n -> all.getOptionalValue(n, String.class), "kafka.");
        if (!client.containsKey("bootstrap.servers")) {
            LOG.info("Usage analytics: no kafka.bootstrap.servers, nothing to consume");
            return;
        }
        consumer = new UsageConsumer(client, new UsageConsumer.Settings(usage.topic(), usage.group(), usage.maxPollRecords(),
                usage.pollTimeout()), rollup);
        consumer.start();
        LOG.infof("Usage analytics: consuming %s on %s as group %s", usage.topic(), client.get("bootstrap.servers"), usage.group());
    }

    synchronized void stop(@Observes ShutdownEvent event) {
        if (consumer != null) consumer.close();
        consumer = null;
    }
}
