package dev.engram.testing.qdrant;

import com.google.protobuf.CodedInputStream;
import com.google.protobuf.CodedOutputStream;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import com.google.protobuf.Parser;
import io.qdrant.client.grpc.Collections;
import io.qdrant.client.grpc.Points;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The {@link QdrantEmulator}'s optional persistence: every write request it applied (collection create and delete, payload
 * index creation, point upsert and delete), appended in order to one file, and replayed at the next start. So an emulator
 * process started again on the same data directory has the collections and points it had, as a restarted Qdrant has.
 *
 * <p>Format: per request one tag byte, then the request as a length-delimited protobuf message. Each append is written
 * through to the file before the request is answered, so an acknowledged write survives the emulator being killed (not a
 * machine crash: nothing is fsynced). A torn last record (killed mid-write) is cut off when the journal is opened.
 */
final class QdrantJournal implements AutoCloseable {

    /** Journaled request types by tag; the tag is the position + 1. */
    private static final List<Class<? extends Message>> TYPES = List.of(Collections.CreateCollection.class,
            Collections.DeleteCollection.class, Points.CreateFieldIndexCollection.class, Points.UpsertPoints.class,
            Points.DeletePoints.class);
    private static final Map<Class<? extends Message>, Parser<? extends Message>> PARSERS = Map.of(
            Collections.CreateCollection.class, Collections.CreateCollection.parser(),
            Collections.DeleteCollection.class, Collections.DeleteCollection.parser(),
            Points.CreateFieldIndexCollection.class, Points.CreateFieldIndexCollection.parser(),
            Points.UpsertPoints.class, Points.UpsertPoints.parser(),
            Points.DeletePoints.class, Points.DeletePoints.parser());

    private final Path file;
    private final OutputStream out;

    private QdrantJournal(Path file, OutputStream out) {
        this.file = file;
        this.out = out;
    }

    /** Whether {@code request} changes the emulator's state, so it belongs in the journal. */
    static boolean isWrite(Message request) {
        return TYPES.contains(request.getClass());
    }

    /**
     * Opens (or creates) {@code directory/journal.bin}, hands every complete record to {@code replay} in order, cuts off a
     * torn last record, and returns the journal ready for appends.
     */
    static QdrantJournal open(Path directory, Consumer<Message> replay) {
        Path file = directory.resolve("journal.bin");
        try {
            Files.createDirectories(directory);
            byte[] bytes = Files.exists(file) ? Files.readAllBytes(file) : new byte[0];
            long valid = 0;
            List<Message> records = new ArrayList<>();
            CodedInputStream in = CodedInputStream.newInstance(bytes);
            while (!in.isAtEnd()) {
                try {
                    int tag = in.readRawByte();
                    if (tag < 1 || tag > TYPES.size()) break;
                    Message m = PARSERS.get(TYPES.get(tag - 1)).parseFrom(in.readBytes());
                    records.add(m);
                    valid = in.getTotalBytesRead();
                } catch (InvalidProtocolBufferException e) {
                    break; // a torn record at the end: the emulator was killed while writing it
                }
            }
            records.forEach(replay);
            FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            channel.truncate(valid);
            channel.position(valid);
            return new QdrantJournal(file, Channels.newOutputStream(channel));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the Qdrant emulator's journal " + file, e);
        }
    }

    /** Appends one applied write request; it is in the file when this returns. */
    void append(Message request) {
        int tag = TYPES.indexOf(request.getClass()) + 1;
        if (tag == 0) throw new IllegalArgumentException("not a write request: " + request.getClass().getSimpleName());
        byte[] body = request.toByteArray();
        try {
            var buffer = new ByteArrayOutputStream(body.length + 6);
            buffer.write(tag);
            var coded = CodedOutputStream.newInstance(buffer);
            coded.writeUInt32NoTag(body.length);
            coded.flush();
            buffer.write(body);
            out.write(buffer.toByteArray()); // one write: a record is torn only if the process dies inside it
        } catch (IOException e) {
            throw new UncheckedIOException("cannot append to " + file, e);
        }
    }

    @Override
    public void close() {
        try {
            out.close();
        } catch (IOException e) {
            // closing after the last append: nothing is lost
        }
    }
}
