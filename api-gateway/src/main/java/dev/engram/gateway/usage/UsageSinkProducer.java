package dev.engram.gateway.usage;

import dev.engram.core.config.PropertySubset;
import dev.engram.core.usage.BufferedUsageSink;
import dev.engram.core.usage.UsageSink;
import dev.engram.gateway.config.EngramConfig;
import dev.engram.gateway.messaging.KafkaUsageTransport;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.arc.DefaultBean;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;
import org.jboss.logging.Logger;

import java.util.Map;

/**
 * The gateway's {@link UsageSink}: Kafka ({@code engram.usage.topic}) behind a bounded buffer when usage analytics are on
 * (see {@link EngramConfig.Usage#enabled()}), else none (standalone has no dashboard to consume them yet). A default bean,
 * so a test profile may bind another sink.
 */
@Singleton
public class UsageSinkProducer {

    private static final Logger LOG = Logger.getLogger(UsageSinkProducer.class);

    @Produces
    @Singleton
    @DefaultBean
    UsageSink usageSink(EngramConfig config, MeterRegistry registry) {
        Config all = ConfigProvider.getConfig();
        Map<String, Object> client = PropertySubset.of(all.getPropertyNames(), n -> all.getOptionalValue(n, String.class), "kafka.");
        boolean kafka = client.containsKey("bootstrap.servers");
        boolean enabled = config.usage().enabled().orElse(kafka && config.ingest().kind() == EngramConfig.IngestKind.KAFKA);
        if (!enabled) return UsageSink.NONE;
        if (!kafka) {
            LOG.warn("engram.usage.enabled=true but kafka.bootstrap.servers is not set: usage events are discarded");
            return UsageSink.NONE;
        }
        LOG.infof("Usage events: Kafka topic %s", config.usage().topic());
        return new BufferedUsageSink(config.usage().bufferSize(), new KafkaUsageTransport(client, config.usage().topic(), registry), registry);
    }

    void close(@Disposes UsageSink sink) {
        sink.close();
    }
}
