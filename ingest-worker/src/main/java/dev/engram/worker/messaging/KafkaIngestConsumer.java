package dev.engram.worker.messaging;

import dev.engram.core.ingest.IngestEvent;
import dev.engram.core.ingest.IngestHandler;
import dev.engram.core.ingest.IngestJson;
import dev.engram.core.ingest.PermanentIngestFailure;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Drains the ingest topic into an {@link IngestHandler} (the {@code IngestProcessor}) on one thread, at least once.
 *
 * <ul>
 *   <li>Offsets are committed manually ({@code enable.auto.commit=false}), each right after its record was processed
 *       or dead-lettered; a crash redelivers at most the records in flight, and the processor skips events that
 *       already SUCCEEDED (idempotent per event id).</li>
 *   <li>A record that is not an ingest event, or whose event failed permanently, goes to the dead-letter topic with a
 *       {@code reason} header and is committed: it never blocks its partition.</li>
 *   <li>Anything else (the event store, the index or the dead-letter topic unreachable) leaves the record uncommitted:
 *       the consumer seeks back to it and tries again after {@link #BACKOFF}, for as long as the outage lasts.</li>
 *   <li>A commit that fails (the broker down) keeps the offsets for the next commit instead of stopping the consumer.</li>
 *   <li>{@link #close()} wakes the poll, lets the record in flight finish, commits it and leaves the group.</li>
 * </ul>
 *
 * Metrics (tag {@code client}): {@code engram.worker.records} by {@code outcome} (processed, failed, dead_lettered),
 * {@code engram.worker.process} (time per record), {@code engram.worker.lag} (records behind, summed over the assigned
 * partitions).
 */
public final class KafkaIngestConsumer implements AutoCloseable {

    /** The consumer group workers join unless configured otherwise. */
    public static final String DEFAULT_GROUP = "engram-ingest-worker";

    static final Duration BACKOFF = Duration.ofSeconds(1);
    /** How long a commit may wait for the broker before the offsets are kept for the next commit. */
    private static final Duration COMMIT_TIMEOUT = Duration.ofSeconds(10);

    private static final Logger LOG = LoggerFactory.getLogger(KafkaIngestConsumer.class);

    private final Consumer<String, byte[]> consumer;
    private final DeadLetterProducer deadLetters;
    private final IngestHandler handler;
    private final String topic;
    private final Duration pollTimeout;
    private final String clientId;
    private final Counter processed;
    private final Counter failed;
    private final Counter deadLettered;
    private final Timer processTimer;
    private final AtomicLong lag = new AtomicLong();
    private final CountDownLatch stopped = new CountDownLatch(1);
    private volatile boolean running;
    private volatile Set<TopicPartition> assignment = Set.of();
    private Thread thread;

    /**
     * @param clientProperties kafka-clients properties ({@code bootstrap.servers}, security, ...); deserializers, manual
     *                         commit, the group and {@code max.poll.records} are set here
     */
    public KafkaIngestConsumer(Map<String, Object> clientProperties, Settings settings, IngestHandler handler, MeterRegistry registry) {
        this.handler = Objects.requireNonNull(handler, "handler");
        this.topic = settings.topic();
        this.pollTimeout = settings.pollTimeout();
        Map<String, Object> props = new HashMap<>(clientProperties);
        props.put(ConsumerConfig.GROUP_ID_CONFIG, settings.group());
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, settings.maxPollRecords());
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        props.putIfAbsent(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.putIfAbsent(ConsumerConfig.CLIENT_ID_CONFIG, "engram-ingest-worker-" + Long.toHexString(System.nanoTime()));
        this.clientId = props.get(ConsumerConfig.CLIENT_ID_CONFIG).toString();
        this.consumer = new KafkaConsumer<>(props);
        this.deadLetters = new DeadLetterProducer(clientProperties, settings.deadLetterTopic());

        this.processed = records(registry, "processed");
        this.failed = records(registry, "failed");
        this.deadLettered = records(registry, "dead_lettered");
        this.processTimer = Timer.builder("engram.worker.process").tag("client", clientId)
                .description("Time to process one ingest record, retries included").register(registry);
        Gauge.builder("engram.worker.lag", lag, AtomicLong::get).tag("client", clientId)
                .description("Records on the assigned partitions not yet consumed").register(registry);
    }

    private Counter records(MeterRegistry registry, String outcome) {
        return Counter.builder("engram.worker.records").tag("client", clientId).tag("outcome", outcome)
                .description("Ingest records handled, by outcome").register(registry);
    }

    /** Where to read and what to do with what cannot be processed. */
    public record Settings(String topic, String deadLetterTopic, String group, int maxPollRecords, Duration pollTimeout) {
        public Settings {
            Objects.requireNonNull(topic, "topic");
            Objects.requireNonNull(deadLetterTopic, "deadLetterTopic");
            Objects.requireNonNull(group, "group");
            if (maxPollRecords < 1) throw new IllegalArgumentException("maxPollRecords must be positive");
            Objects.requireNonNull(pollTimeout, "pollTimeout");
        }
    }

    /** Subscribes and starts the polling thread. */
    public synchronized void start() {
        if (thread != null) throw new IllegalStateException("already started");
        running = true;
        thread = Thread.ofPlatform().name("engram-ingest-consumer-" + clientId).start(this::run);
    }

    /** The partitions this consumer currently owns (as of its last poll). */
    public Set<TopicPartition> assignment() {
        return assignment;
    }

    public String clientId() {
        return clientId;
    }

    private void run() {
        Map<TopicPartition, OffsetAndMetadata> uncommitted = new HashMap<>();
        try {
            consumer.subscribe(List.of(topic));
            while (running) {
                ConsumerRecords<String, byte[]> records = consumer.poll(pollTimeout);
                assignment = Set.copyOf(consumer.assignment());
                updateLag();
                process(records, uncommitted);
            }
        } catch (WakeupException e) {
            // close() asked us to stop
        } catch (RuntimeException e) {
            LOG.error("The ingest consumer {} stopped on an unexpected failure", clientId, e);
        } finally {
            try {
                if (!uncommitted.isEmpty()) consumer.commitSync(uncommitted);
            } catch (RuntimeException e) {
                LOG.warn("Committing the last offsets of {} failed; those records will be redelivered", clientId, e);
            }
            consumer.close(Duration.ofSeconds(5));
            deadLetters.close();
            stopped.countDown();
        }
    }

    private void process(ConsumerRecords<String, byte[]> records, Map<TopicPartition, OffsetAndMetadata> uncommitted) {
        for (TopicPartition partition : records.partitions()) {
            for (ConsumerRecord<String, byte[]> record : records.records(partition)) {
                if (!running) return; // the rest is redelivered to whoever owns the partition next
                if (!handleOne(record)) {
                    consumer.seek(partition, record.offset()); // try it again after the pause
                    pause();
                    break;
                }
                uncommitted.put(partition, new OffsetAndMetadata(record.offset() + 1));
                commit(uncommitted);
            }
        }
    }

    /**
     * Commits what was processed. A commit that fails (the broker down or restarting, the group rebalancing) is not fatal:
     * the offsets stay in {@code uncommitted} and go with the next commit, and if the partition moves meanwhile its new
     * owner gets those records again, which the processor skips (their events SUCCEEDED).
     */
    private void commit(Map<TopicPartition, OffsetAndMetadata> uncommitted) {
        try {
            consumer.commitSync(uncommitted, COMMIT_TIMEOUT);
            uncommitted.clear();
        } catch (WakeupException e) {
            throw e;
        } catch (KafkaException e) {
            LOG.warn("Committing offsets {} failed, will commit with the next record: {}", uncommitted, e.toString());
            uncommitted.keySet().retainAll(consumer.assignment());
        }
    }

    /** @return true when the record is done with (processed or dead-lettered), false when it must be retried */
    private boolean handleOne(ConsumerRecord<String, byte[]> record) {
        Timer.Sample sample = Timer.start();
        try {
            IngestEvent event;
            try {
                event = IngestJson.fromBytes(record.value() == null ? new byte[0] : record.value());
            } catch (IllegalArgumentException e) {
                return deadLetter(record, "undecodable: " + e.getMessage());
            }
            try {
                handler.handle(event);
                processed.increment();
                return true;
            } catch (PermanentIngestFailure e) {
                failed.increment();
                return deadLetter(record, "failed: " + e.getMessage());
            }
        } catch (CancellationException e) {
            throw new WakeupException(); // interrupted while retrying: shutting down, leave the record uncommitted
        } catch (RuntimeException e) {
            LOG.warn("Ingest record {}-{}@{} could not be handled, retrying in {} ms: {}", record.topic(), record.partition(),
                    record.offset(), BACKOFF.toMillis(), e.toString());
            return false;
        } finally {
            sample.stop(processTimer);
        }
    }

    private boolean deadLetter(ConsumerRecord<String, byte[]> record, String reason) {
        deadLetters.send(record, reason); // throws when the dead letter is not durable: then the record is retried
        deadLettered.increment();
        LOG.warn("Ingest record {}-{}@{} dead-lettered: {}", record.topic(), record.partition(), record.offset(), reason);
        return true;
    }

    private void updateLag() {
        long total = 0;
        for (TopicPartition partition : assignment) {
            OptionalLong partitionLag = consumer.currentLag(partition);
            if (partitionLag.isPresent()) total += partitionLag.getAsLong();
        }
        lag.set(total);
    }

    private void pause() {
        try {
            Thread.sleep(BACKOFF);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new WakeupException();
        }
    }

    /**
     * Stops: wakes a blocked poll, lets the record in flight finish and commits it, then leaves the group (its
     * partitions move to the other workers at once) and closes.
     */
    @Override
    public void close() {
        synchronized (this) {
            if (thread == null) { // never started: nothing polls, close the clients here
                thread = Thread.currentThread();
                consumer.close(Duration.ZERO);
                deadLetters.close();
                stopped.countDown();
                return;
            }
            if (!running) return;
            running = false;
        }
        consumer.wakeup();
        try {
            if (!stopped.await(30, TimeUnit.SECONDS)) LOG.warn("The ingest consumer {} did not stop within 30 s", clientId);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
