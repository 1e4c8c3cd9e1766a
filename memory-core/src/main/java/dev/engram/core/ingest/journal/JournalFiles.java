package dev.engram.core.ingest.journal;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** File-system steps the journal's durability depends on. */
final class JournalFiles {

    private JournalFiles() {
    }

    /** Makes a file created or deleted in {@code dir} durable (its directory entry), where the platform allows it. */
    static void syncDirectory(Path dir) throws IOException {
        try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException | UnsupportedOperationException e) {
            // Windows cannot open a directory as a file; NTFS journals the entry itself
            if (!System.getProperty("os.name", "").toLowerCase().contains("win")) throw e;
        }
    }
}
