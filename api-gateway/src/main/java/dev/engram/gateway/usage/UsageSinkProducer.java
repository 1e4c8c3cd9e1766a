package dev.engram.gateway.usage;

import dev.engram.core.config.PropertySubset;
import dev.engram.core.error.ConfigurationException;
import dev.engram.core.usage.BufferedUsageSink;
import dev.engram.core.usage.UsageSink;
import dev.engram.gateway.config.EngramConfig;
import dev.engram.gateway.messaging.HttpUsageTransport;
import dev.engram.platform.messaging.KafkaUsageTransport;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.arc.DefaultBean;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.Map;

/**
 * The gateway's {@link UsageSink} when usage analytics are on (see {@link EngramConfig.Usage#enabled()}): a bounded buffer
 * in front of HTTP to the dashboard ({@code engram.usage.http-url}, the standalone platform) or of Kafka
 * ({@code engram.usage.topic}); else none. A default bean,
 * so a test profile may bind another sink.
 */
@Singleton
public class UsageSinkProducer {

    private static final Logger LOG = Logger.getLogger(UsageSinkProducer.class);
    private static final Duration HTTP_TIMEOUT = Duration.ofSeconds(5);

    @Produces
    @Singleton
    @DefaultBean
    UsageSink usageSink(EngramConfig config, MeterRegistry registry) {
        Config all = ConfigProvider.getConfig();
        Map<String, Object> client = PropertySubset.of(all.getPropertyNames(), n -> all.getOptionalValue(n, String.class), "kafka.");
        boolean kafka = client.containsKey("bootstrap.servers");
        EngramConfig.Usage usage = config.usage();
        boolean enabled = usage.enabled().orElse(usage.httpUrl().isPresent() || kafka && config.ingest().kind() == EngramConfig.IngestKind.KAFKA);
        if (!enabled) return UsageSink.NONE;
        if (usage.httpUrl().isPresent()) {
            String secret = usage.httpToken().filter(t -> !t.isBlank()).orElseThrow(() -> new ConfigurationException(
                    "engram.usage.http-url needs engram.usage.http-token (ENGRAM_USAGE_HTTP_TOKEN)"));
            LOG.infof("Usage events: HTTP to %s", usage.httpUrl().get());
            return new BufferedUsageSink(usage.bufferSize(), new HttpUsageTransport(usage.httpUrl().get(), secret, HTTP_TIMEOUT), registry);
        }
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
