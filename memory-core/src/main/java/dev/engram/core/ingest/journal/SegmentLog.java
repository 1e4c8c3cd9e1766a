package dev.engram.core.ingest.journal;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.BufferedInputStream;
import java.io.Closeable;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The journal's append-only log: segment files {@code <base>.seg}, where {@code base} is the log position of the
 * segment's first byte, so a record's position ({@code base + offset in the file}) grows across segments. Each file
 * starts with an 8-byte header (magic, format version). Not thread-safe: one writer (the queue's flusher) appends and
 * deletes; recovery runs before it starts.
 */
final class SegmentLog implements Closeable {

    private static final Logger LOG = LoggerFactory.getLogger(SegmentLog.class);
    static final int MAGIC = 0x454E474A; // "ENGJ"
    static final int FORMAT_VERSION = 1;
    static final int FILE_HEADER_BYTES = 8;
    private static final Pattern NAME = Pattern.compile("(\\d{20})\\.seg");

    /** A record found by recovery. */
    record StoredRecord(long position, long end, int keyHash, byte[] payload) {
    }

    @FunctionalInterface
    interface RecordVisitor {
        void visit(StoredRecord record);
    }

    /** A segment that is no longer written: {@code [base, end)}. */
    private record Closed(long base, long end, Path path) {
    }

    private final Path dir;
    private final long segmentBytes;
    private final List<Closed> closed = new ArrayList<>();
    private long activeBase;
    private long activeSize;
    private Path activePath;
    private FileChannel active;

    private SegmentLog(Path dir, long segmentBytes) {
        this.dir = dir;
        this.segmentBytes = segmentBytes;
    }

    /**
     * Opens the log in {@code dir}: checks every segment's records, truncates a torn or corrupt tail (the remains of a
     * crash mid-write), calls {@code visitor} with every valid record in log order, and gets ready to append.
     */
    static SegmentLog recover(Path dir, long segmentBytes, RecordVisitor visitor) throws IOException {
        SegmentLog log = new SegmentLog(dir, segmentBytes);
        List<Path> files = segmentFiles(dir);
        for (int i = 0; i < files.size(); i++) {
            Path file = files.get(i);
            long base = baseOf(file);
            long validEnd = scan(file, base, visitor);
            long size = Files.size(file);
            if (validEnd < size) {
                LOG.warn("Journal segment {} has {} bytes of torn or corrupt records at offset {}: truncating them", file, size - validEnd, validEnd);
                try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
                    if (validEnd < FILE_HEADER_BYTES) writeHeader(channel);
                    channel.truncate(Math.max(validEnd, FILE_HEADER_BYTES));
                    channel.force(true);
                }
                validEnd = Math.max(validEnd, FILE_HEADER_BYTES);
            }
            if (i < files.size() - 1) {
                log.closed.add(new Closed(base, base + validEnd, file));
            } else {
                log.activeBase = base;
                log.activeSize = validEnd;
                log.activePath = file;
                log.active = FileChannel.open(file, StandardOpenOption.WRITE, StandardOpenOption.READ);
                log.active.position(validEnd);
            }
        }
        if (log.active == null) log.create(0);
        return log;
    }

    /** The position the next record will get. */
    long endPosition() {
        return activeBase + activeSize;
    }

    /**
     * Appends the frames in order and forces them to disk. Returns the positions: element {@code i} is where frame
     * {@code i} starts; the element after the last is the end. Rolls to a new segment when one grows past its size.
     */
    long[] append(List<ByteBuffer> frames) throws IOException {
        long[] positions = new long[frames.size() + 1];
        List<ByteBuffer> chunk = new ArrayList<>();
        for (int i = 0; i < frames.size(); i++) {
            ByteBuffer frame = frames.get(i);
            if (activeSize > FILE_HEADER_BYTES && activeSize + frame.remaining() > segmentBytes) {
                write(chunk);
                roll();
            }
            positions[i] = activeBase + activeSize;
            activeSize += frame.remaining();
            chunk.add(frame.duplicate());
        }
        write(chunk);
        active.force(false);
        positions[frames.size()] = activeBase + activeSize;
        return positions;
    }

    /** Deletes the closed segments whose every record lies before {@code position}; returns how many. */
    int deleteBefore(long position) throws IOException {
        int deleted = 0;
        while (!closed.isEmpty() && closed.getFirst().end() <= position) {
            Files.deleteIfExists(closed.removeFirst().path());
            deleted++;
        }
        return deleted;
    }

    /** Segment files on disk, the active one included. */
    int segmentCount() {
        return closed.size() + 1;
    }

    void force() throws IOException {
        active.force(false);
    }

    @Override
    public void close() throws IOException {
        if (active.isOpen()) {
            active.force(false);
            active.close();
        }
    }

    private void write(List<ByteBuffer> chunk) throws IOException {
        if (chunk.isEmpty()) return;
        ByteBuffer[] buffers = chunk.toArray(ByteBuffer[]::new);
        long remaining = 0;
        for (ByteBuffer b : buffers) remaining += b.remaining();
        while (remaining > 0) remaining -= active.write(buffers);
        chunk.clear();
    }

    private void roll() throws IOException {
        active.force(false);
        active.close();
        closed.add(new Closed(activeBase, activeBase + activeSize, activePath));
        create(activeBase + activeSize);
    }

    private void create(long base) throws IOException {
        activePath = dir.resolve(String.format("%020d.seg", base));
        active = FileChannel.open(activePath, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE, StandardOpenOption.READ);
        writeHeader(active);
        active.force(true);
        JournalFiles.syncDirectory(dir);
        activeBase = base;
        activeSize = FILE_HEADER_BYTES;
    }

    private static void writeHeader(FileChannel channel) throws IOException {
        ByteBuffer header = ByteBuffer.allocate(FILE_HEADER_BYTES).putInt(MAGIC).putInt(FORMAT_VERSION).flip();
        channel.position(0);
        while (header.hasRemaining()) channel.write(header);
    }

    /** Visits the valid records of one segment; returns the offset where valid data ends. */
    private static long scan(Path file, long base, RecordVisitor visitor) throws IOException {
        long size = Files.size(file);
        if (size < FILE_HEADER_BYTES) return 0;
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file), 1 << 16))) {
            int magic = in.readInt();
            int version = in.readInt();
            if (magic != MAGIC) throw new IOException("Not a journal segment (bad magic): " + file);
            if (version != FORMAT_VERSION) throw new IOException("Journal segment format " + version + " is not supported: " + file);
            long offset = FILE_HEADER_BYTES;
            while (size - offset >= RecordFormat.HEADER_BYTES) {
                int length = in.readInt();
                int crc = in.readInt();
                int keyHash = in.readInt();
                if (length < 0 || length > RecordFormat.MAX_PAYLOAD || size - offset - RecordFormat.HEADER_BYTES < length) return offset;
                byte[] payload = new byte[length];
                try {
                    in.readFully(payload);
                } catch (EOFException e) {
                    return offset;
                }
                if (RecordFormat.crc(length, keyHash, payload) != crc) return offset;
                long end = offset + RecordFormat.HEADER_BYTES + length;
                visitor.visit(new StoredRecord(base + offset, base + end, keyHash, payload));
                offset = end;
            }
            return offset;
        }
    }

    private static List<Path> segmentFiles(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> NAME.matcher(f.getFileName().toString()).matches()).sorted().toList();
        }
    }

    private static long baseOf(Path file) {
        Matcher m = NAME.matcher(file.getFileName().toString());
        if (!m.matches()) throw new IllegalArgumentException(file.toString());
        return Long.parseLong(m.group(1));
    }
}
