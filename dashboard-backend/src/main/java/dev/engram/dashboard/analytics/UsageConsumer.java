package dev.engram.dashboard.analytics;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Polls the usage topic on a thread of its own and hands each batch to {@link UsageRollup}; Kafka offsets are committed
 * only after the batch's database transaction (which also records them, so a commit lost to a crash costs nothing but a
 * skipped redelivery). When the database fails the consumer seeks back to the batch and retries it after a pause.
 */
final class UsageConsumer implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(UsageConsumer.class);
    private static final Duration RETRY_PAUSE = Duration.ofSeconds(2);

    /** The consumer's settings ({@code engram.dashboard.usage.*}). */
    record Settings(String topic, String group, int maxPollRecords, Duration pollTimeout) {
    }

    private final KafkaConsumer<String, byte[]> consumer;
    private final Settings settings;
    private final UsageRollup rollup;
    private final Thread thread;
    private volatile boolean running = true;

    UsageConsumer(Map<String, Object> client, Settings settings, UsageRollup rollup) {
        Map<String, Object> props = new HashMap<>(client);
        props.put(ConsumerConfig.GROUP_ID_CONFIG, settings.group());
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        props.putIfAbsent(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, settings.maxPollRecords());
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        this.consumer = new KafkaConsumer<>(props);
        this.settings = settings;
        this.rollup = rollup;
        this.thread = Thread.ofPlatform().name("engram-usage-consumer").unstarted(this::run);
    }

    void start() {
        consumer.subscribe(List.of(settings.topic()));
        thread.start();
    }

    private void run() {
        try {
            while (running) {
                ConsumerRecords<String, byte[]> polled = consumer.poll(settings.pollTimeout());
                if (polled.isEmpty()) continue;
                List<ConsumerRecord<String, byte[]>> batch = new ArrayList<>(polled.count());
                polled.forEach(batch::add);
                try {
                    rollup.apply(settings.group(), batch);
                } catch (RuntimeException e) {
                    LOG.warnf("Usage batch of %d records not rolled up, retrying in %s: %s", batch.size(), RETRY_PAUSE, e.getMessage());
                    seekBack(polled);
                    Thread.sleep(RETRY_PAUSE);
                    continue;
                }
                commit(polled);
            }
        } catch (WakeupException | InterruptedException e) {
            // close() asked us to stop
        } catch (RuntimeException e) {
            LOG.error("The usage consumer stopped", e);
        } finally {
            consumer.close(Duration.ofSeconds(5));
        }
    }

    private void seekBack(ConsumerRecords<String, byte[]> polled) {
        for (TopicPartition tp : polled.partitions()) consumer.seek(tp, polled.records(tp).getFirst().offset());
    }

    /** Commits past the batch; a failed commit only means a redelivery, which the rollup skips. */
    private void commit(ConsumerRecords<String, byte[]> polled) {
        Map<TopicPartition, OffsetAndMetadata> next = new HashMap<>();
        for (TopicPartition tp : polled.partitions()) next.put(tp, new OffsetAndMetadata(polled.records(tp).getLast().offset() + 1));
        try {
            consumer.commitSync(next);
        } catch (WakeupException e) {
            throw e;
        } catch (RuntimeException e) {
            LOG.warnf("Committing usage offsets failed (the records are recorded as rolled up): %s", e.getMessage());
        }
    }

    @Override
    public void close() {
        running = false;
        consumer.wakeup();
        try {
            thread.join(Duration.ofSeconds(10));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
