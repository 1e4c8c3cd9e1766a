package dev.engram.core.ingest.journal;

import java.time.Duration;
import java.util.Objects;

/**
 * Settings of a {@link JournalIngestQueue}.
 *
 * @param partitions         consumer threads; events of one ordering key always go to the same one (in order), keys
 *                           spread over all of them. Changing it between runs is safe (the next open replays
 *                           conservatively from the oldest checkpoint).
 * @param segmentBytes       a segment file is rolled once it would grow past this; fully processed segments are deleted
 * @param maxEventBytes      the largest serialized event {@link JournalIngestQueue#enqueue} accepts
 * @param closeTimeout       how long {@link JournalIngestQueue#close} lets consumers drain before interrupting them
 * @param checkpointSyncInterval how often consumer checkpoints are forced to disk (they reach the OS after every event,
 *                           so only a machine crash, not a process crash, can lose the last interval's progress; the
 *                           events are then delivered again, which the processor skips)
 */
public record JournalSettings(int partitions, long segmentBytes, int maxEventBytes, Duration closeTimeout,
                              Duration checkpointSyncInterval) {

    public JournalSettings {
        if (partitions < 1 || partitions > 256) throw new IllegalArgumentException("partitions must be between 1 and 256");
        if (segmentBytes < 4096) throw new IllegalArgumentException("segmentBytes must be at least 4096");
        if (maxEventBytes < 1 || maxEventBytes > RecordFormat.MAX_PAYLOAD) {
            throw new IllegalArgumentException("maxEventBytes must be between 1 and " + RecordFormat.MAX_PAYLOAD);
        }
        Objects.requireNonNull(closeTimeout, "closeTimeout");
        Objects.requireNonNull(checkpointSyncInterval, "checkpointSyncInterval");
        if (closeTimeout.isNegative() || checkpointSyncInterval.isNegative() || checkpointSyncInterval.isZero()) {
            throw new IllegalArgumentException("closeTimeout must not be negative, checkpointSyncInterval must be positive");
        }
    }

    /** 4 partitions, 64 MiB segments, events up to 16 MiB, 10 s to drain on close, checkpoints synced every second. */
    public static JournalSettings defaults() {
        return new JournalSettings(4, 64L << 20, 16 << 20, Duration.ofSeconds(10), Duration.ofSeconds(1));
    }

    public JournalSettings withPartitions(int value) {
        return new JournalSettings(value, segmentBytes, maxEventBytes, closeTimeout, checkpointSyncInterval);
    }

    public JournalSettings withSegmentBytes(long value) {
        return new JournalSettings(partitions, value, maxEventBytes, closeTimeout, checkpointSyncInterval);
    }

    public JournalSettings withMaxEventBytes(int value) {
        return new JournalSettings(partitions, segmentBytes, value, closeTimeout, checkpointSyncInterval);
    }

    public JournalSettings withCloseTimeout(Duration value) {
        return new JournalSettings(partitions, segmentBytes, maxEventBytes, value, checkpointSyncInterval);
    }
}
