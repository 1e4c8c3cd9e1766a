package dev.engram.gateway.messaging;

import dev.engram.core.error.StorageException;
import dev.engram.core.ingest.IngestEvent;
import dev.engram.core.ingest.IngestJson;
import dev.engram.core.ingest.IngestQueue;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The platform's ingest queue: each accepted add becomes one record on a Kafka topic, which the ingest workers consume.
 *
 * <ul>
 *   <li>Key: {@link IngestEvent#orderingKey()}, so one scope's events land on one partition and are processed in order.</li>
 *   <li>Value: {@link IngestJson#toBytes} (the versioned wire format the journal writes too).</li>
 *   <li>{@code acks=all} and an idempotent producer: {@link #enqueue} returns only after every in-sync replica has the
 *       record, and a producer retry never writes it twice.</li>
 *   <li>{@link #enqueue} waits for the broker's acknowledgement; when it does not come within the send timeout it throws
 *       {@link StorageException}, so the client is never told PENDING for an add Kafka did not take. The producer's
 *       {@code delivery.timeout.ms} is the send timeout, so such a record is dropped, not delivered later (the client,
 *       told 503, may send it again).</li>
 * </ul>
 */
public final class KafkaIngestQueue implements IngestQueue {

    /** The topic adds are produced to unless {@code engram.kafka.topic} says otherwise. */
    public static final String DEFAULT_TOPIC = "engram.ingest.v1";

    private static final Duration VERDICT_MARGIN = Duration.ofSeconds(5);

    private final Producer<String, byte[]> producer;
    private final String topic;
    private final Duration sendTimeout;
    private volatile boolean closed;

    /**
     * @param clientProperties kafka-clients producer properties ({@code bootstrap.servers}, timeouts, security); the
     *                         serializers, {@code acks} and idempotence are set here and cannot be overridden
     * @param sendTimeout      how long {@link #enqueue} waits for the broker's acknowledgement
     */
    public KafkaIngestQueue(Map<String, Object> clientProperties, String topic, Duration sendTimeout) {
        this(new KafkaProducer<>(producerProperties(clientProperties, sendTimeout)), topic, sendTimeout);
    }

    KafkaIngestQueue(Producer<String, byte[]> producer, String topic, Duration sendTimeout) {
        this.producer = Objects.requireNonNull(producer, "producer");
        this.topic = Objects.requireNonNull(topic, "topic");
        this.sendTimeout = Objects.requireNonNull(sendTimeout, "sendTimeout");
    }

    static Map<String, Object> producerProperties(Map<String, Object> clientProperties, Duration sendTimeout) {
        Map<String, Object> props = new HashMap<>(clientProperties);
        // A record the broker did not acknowledge within the send timeout is dropped by the producer, not kept in its
        // buffer and delivered once the broker is back: the client was told 503, so the add must not happen behind its back.
        int timeout = (int) Math.min(Integer.MAX_VALUE, sendTimeout.toMillis());
        props.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, timeout);
        props.put(ProducerConfig.LINGER_MS_CONFIG, 0);
        Object requestTimeout = props.get(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG);
        int request = requestTimeout == null ? 30_000 : Integer.parseInt(requestTimeout.toString());
        props.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, Math.min(request, timeout)); // Kafka: delivery >= linger + request
        props.putIfAbsent(ProducerConfig.MAX_BLOCK_MS_CONFIG, timeout);
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        props.putIfAbsent(ProducerConfig.CLIENT_ID_CONFIG, "engram-gateway-ingest");
        return props;
    }

    public String topic() {
        return topic;
    }

    @Override
    public void enqueue(IngestEvent event) {
        if (closed) throw new StorageException("The ingest queue is closed", null);
        var record = new ProducerRecord<>(topic, event.orderingKey(), IngestJson.toBytes(event));
        try {
            // send() itself may block up to max.block.ms (metadata) and throw; the future fails after delivery.timeout.ms
            // The producer itself fails the send after delivery.timeout.ms (= the send timeout); the margin lets its
            // verdict, not this wait, decide, so a 503 always means the producer dropped the record.
            producer.send(record).get(sendTimeout.toMillis() + VERDICT_MARGIN.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StorageException("Interrupted while queueing ingest event " + event.eventId(), e);
        } catch (ExecutionException e) {
            throw new StorageException("Kafka did not accept ingest event " + event.eventId() + ": " + e.getCause(), e.getCause());
        } catch (TimeoutException e) {
            throw new StorageException("Kafka did not acknowledge ingest event " + event.eventId() + " within " + sendTimeout.toMillis() + " ms", e);
        } catch (RuntimeException e) { // KafkaException from send(): no metadata within max.block.ms, record too large, ...
            throw new StorageException("Kafka did not accept ingest event " + event.eventId() + ": " + e, e);
        }
    }

    /** Closed, or the broker did not answer the topic's metadata (bounded by the producer's {@code max.block.ms}). */
    @Override
    public Optional<String> unavailable() {
        if (closed) return Optional.of("the Kafka producer is closed");
        try {
            if (producer.partitionsFor(topic).isEmpty()) return Optional.of("Kafka has no partition for topic " + topic);
            return Optional.empty();
        } catch (RuntimeException e) {
            return Optional.of("Kafka did not answer for topic " + topic + " (" + e.getClass().getSimpleName() + ")");
        }
    }

    /** Flushes what is in flight (each enqueue already waited for its acknowledgement) and closes the producer. */
    @Override
    public void close() {
        if (closed) return;
        closed = true;
        producer.close(Duration.ofSeconds(5));
    }
}
