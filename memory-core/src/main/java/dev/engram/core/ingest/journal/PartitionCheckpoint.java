package dev.engram.core.ingest.journal;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;
import java.util.zip.CRC32C;

/**
 * How far one partition's consumer got: every record of the partition before {@code position} is processed. Kept in
 * {@code checkpoint-<partition>} as two alternating CRC-checked slots, so a write torn by a crash leaves the previous
 * value readable. Written (to the OS) after every event; forced to disk by {@link #force()} periodically and on close.
 * Slot: {@code magic:int32 | partitions:int32 | generation:int64 | position:int64 | crc:int32}.
 */
final class PartitionCheckpoint implements Closeable {

    private static final int MAGIC = 0x454E4743; // "ENGC"
    private static final int SLOT_BYTES = 32;
    private static final int CONTENT_BYTES = 24;

    /** A checkpoint as read from disk, with the partition count it was written under. */
    record Stored(int partitions, long position) {
    }

    private final FileChannel channel;
    private final int partitions;
    private final ByteBuffer slot = ByteBuffer.allocate(SLOT_BYTES);
    private long generation;
    private long position;
    private boolean dirty;
    private boolean closed;

    private PartitionCheckpoint(FileChannel channel, int partitions, long generation, long position) {
        this.channel = channel;
        this.partitions = partitions;
        this.generation = generation;
        this.position = position;
    }

    static Path file(Path dir, int partition) {
        return dir.resolve("checkpoint-" + partition);
    }

    /** The newest valid slot of the file, if there is one. */
    static Optional<Stored> read(Path file) throws IOException {
        if (!Files.exists(file)) return Optional.empty();
        ByteBuffer bytes = ByteBuffer.wrap(Files.readAllBytes(file));
        Stored best = null;
        long bestGeneration = -1;
        for (int s = 0; s < 2 && (s + 1) * SLOT_BYTES <= bytes.capacity(); s++) {
            ByteBuffer slot = bytes.duplicate().position(s * SLOT_BYTES).limit(s * SLOT_BYTES + SLOT_BYTES).slice();
            int magic = slot.getInt();
            int partitions = slot.getInt();
            long generation = slot.getLong();
            long position = slot.getLong();
            int crc = slot.getInt();
            if (magic != MAGIC || crc != crc(slot, CONTENT_BYTES)) continue;
            if (generation > bestGeneration) {
                bestGeneration = generation;
                best = new Stored(partitions, position);
            }
        }
        return Optional.ofNullable(best);
    }

    /** Opens the partition's checkpoint file for writing, starting at {@code position} (written at once). */
    static PartitionCheckpoint open(Path dir, int partition, int partitions, long position) throws IOException {
        Path file = file(dir, partition);
        boolean created = !Files.exists(file);
        FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.READ);
        PartitionCheckpoint checkpoint = new PartitionCheckpoint(channel, partitions, 0, -1);
        checkpoint.advance(position);
        checkpoint.force();
        if (created) JournalFiles.syncDirectory(dir);
        return checkpoint;
    }

    synchronized long position() {
        return position;
    }

    /** Records progress (never backwards); visible to a process that opens the journal after this one dies. */
    synchronized void advance(long to) throws IOException {
        if (closed || to <= position) return;
        generation++;
        slot.clear();
        slot.putInt(MAGIC).putInt(partitions).putLong(generation).putLong(to);
        slot.putInt(crc(slot.duplicate().flip(), CONTENT_BYTES));
        slot.flip();
        long at = (generation % 2) * SLOT_BYTES;
        while (slot.hasRemaining()) at += channel.write(slot, at);
        position = to;
        dirty = true;
    }

    synchronized void force() throws IOException {
        if (closed || !dirty) return;
        channel.force(false);
        dirty = false;
    }

    @Override
    public synchronized void close() throws IOException {
        if (closed) return;
        force();
        closed = true;
        channel.close();
    }

    private static int crc(ByteBuffer slot, int length) {
        CRC32C crc = new CRC32C();
        crc.update(slot.duplicate().position(0).limit(length));
        return (int) crc.getValue();
    }
}
