package dev.engram.core.ingest.journal;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.Base64;

/**
 * The journal's dead letters: events a consumer gave up on, one JSON object a line in {@value #FILE_NAME}, with the log
 * position, the event id and tenant (when known), the reason, and the event itself ({@code event} as its JSON, or
 * {@code raw_base64} when it could not be read). Kept for an operator to inspect or re-submit; never read back.
 */
final class DeadLetters implements Closeable {

    static final String FILE_NAME = "dead-letter.jsonl";
    private static final ObjectMapper MAPPER = JsonMapper.builder().build();

    private final FileChannel channel;

    DeadLetters(Path dir) throws IOException {
        Path file = dir.resolve(FILE_NAME);
        boolean created = !Files.exists(file);
        this.channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
        if (created) JournalFiles.syncDirectory(dir);
    }

    /**
     * Appends one dead letter and forces it to disk.
     *
     * @param decoded whether {@code raw} is a readable event (kept as JSON) or not (kept as base64)
     */
    synchronized void add(long position, String eventId, String tenant, String reason, byte[] raw, boolean decoded, Instant at)
            throws IOException {
        ObjectNode line = MAPPER.createObjectNode();
        line.put("at", at.toString());
        line.put("position", position);
        if (eventId != null) line.put("event_id", eventId);
        if (tenant != null) line.put("tenant", tenant);
        line.put("reason", reason);
        if (decoded) line.set("event", MAPPER.readTree(raw));
        else line.put("raw_base64", Base64.getEncoder().encodeToString(raw));
        ByteBuffer bytes = ByteBuffer.wrap((MAPPER.writeValueAsString(line) + "\n").getBytes(StandardCharsets.UTF_8));
        while (bytes.hasRemaining()) channel.write(bytes);
        channel.force(false);
    }

    @Override
    public synchronized void close() throws IOException {
        channel.close();
    }
}
