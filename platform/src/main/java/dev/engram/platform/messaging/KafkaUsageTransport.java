package dev.engram.platform.messaging;

import dev.engram.core.usage.BufferedUsageSink;
import dev.engram.core.usage.UsageEvent;
import dev.engram.core.usage.UsageEventCodec;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Publishes usage events to the usage topic, keyed by tenant ({@code org/project}: one project's events stay in order on
 * one partition). Runs behind a {@link BufferedUsageSink}, so {@code send} blocking on metadata never slows a request.
 *
 * <p>Producer settings differ from the ingest queue's on purpose: {@code acks=1} without idempotence, because a usage
 * event is a statistic, not data. Losing the few events in flight when a partition leader dies is acceptable, and a
 * retried duplicate would count a request twice, which idempotence would prevent at the cost of {@code acks=all}
 * latency on every batch. {@code linger.ms} and compression batch the small JSON records.
 */
public final class KafkaUsageTransport implements BufferedUsageSink.Transport {

    private final KafkaProducer<String, byte[]> producer;
    private final String topic;
    private final Counter failed;

    public KafkaUsageTransport(Map<String, Object> client, String topic, MeterRegistry registry) {
        Map<String, Object> props = new HashMap<>(client);
        props.put(ProducerConfig.ACKS_CONFIG, "1");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "false");
        props.putIfAbsent(ProducerConfig.LINGER_MS_CONFIG, "50");
        props.putIfAbsent(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        props.put(ProducerConfig.CLIENT_ID_CONFIG, "engram-usage-" + Integer.toHexString(System.identityHashCode(this)));
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        this.producer = new KafkaProducer<>(props);
        this.topic = topic;
        this.failed = Counter.builder("engram.usage.failed").description("Usage events the transport failed to deliver")
                .register(registry);
    }

    @Override
    public void send(List<UsageEvent> batch) {
        for (UsageEvent e : batch) {
            producer.send(new ProducerRecord<>(topic, e.tenant().key(), UsageEventCodec.encode(e)), (metadata, error) -> {
                if (error != null) failed.increment();
            });
        }
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(5));
    }
}
