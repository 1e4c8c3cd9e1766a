package dev.engram.gateway.messaging;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The gateway's producer drops what the broker did not acknowledge within the send timeout (a 503 is not a later add). */
class KafkaProducerPropertiesTest {

    @Test
    void theDeliveryTimeoutIsTheSendTimeoutAndKafkaAcceptsTheCombination() {
        Map<String, Object> props = KafkaIngestQueue.producerProperties(Map.of("bootstrap.servers", "127.0.0.1:1"), Duration.ofSeconds(10));

        assertThat(props).containsEntry(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 10_000)
                .containsEntry(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000)
                .containsEntry(ProducerConfig.LINGER_MS_CONFIG, 0)
                .containsEntry(ProducerConfig.MAX_BLOCK_MS_CONFIG, 10_000)
                .containsEntry(ProducerConfig.ACKS_CONFIG, "all");
        new KafkaProducer<String, byte[]>(props).close(Duration.ZERO); // delivery >= linger + request, or Kafka refuses
    }

    @Test
    void aShorterConfiguredRequestTimeoutIsKept() {
        Map<String, Object> props = KafkaIngestQueue.producerProperties(Map.of("bootstrap.servers", "127.0.0.1:1",
                ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, "3000"), Duration.ofSeconds(10));

        assertThat(props).containsEntry(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 3_000)
                .containsEntry(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 10_000);
        new KafkaProducer<String, byte[]>(props).close(Duration.ZERO);
    }
}
