package dev.engram.core.ingest.journal;

import java.nio.ByteBuffer;
import java.util.zip.CRC32C;

/**
 * One journal record on disk: {@code length:int32 | crc:int32 | keyHash:int32 | payload[length]}, big-endian. The CRC-32C
 * covers length, key hash and payload, so a record torn by a crash mid-write (or a corrupted one) never passes as valid.
 * The key hash ({@code orderingKey().hashCode()}) lets recovery place a record in its partition without decoding it.
 */
final class RecordFormat {

    static final int HEADER_BYTES = 12;
    /** A sanity bound for recovery: a length beyond it can only be garbage. */
    static final int MAX_PAYLOAD = 256 << 20;

    private RecordFormat() {
    }

    static ByteBuffer frame(int keyHash, byte[] payload) {
        ByteBuffer frame = ByteBuffer.allocate(HEADER_BYTES + payload.length);
        frame.putInt(payload.length).putInt(crc(payload.length, keyHash, payload)).putInt(keyHash).put(payload).flip();
        return frame;
    }

    static int crc(int length, int keyHash, byte[] payload) {
        CRC32C crc = new CRC32C();
        ByteBuffer ints = ByteBuffer.allocate(8).putInt(length).putInt(keyHash).flip();
        crc.update(ints);
        crc.update(payload, 0, payload.length);
        return (int) crc.getValue();
    }
}
