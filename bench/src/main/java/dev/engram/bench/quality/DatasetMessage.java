package dev.engram.bench.quality;

import dev.engram.core.domain.Message;

import java.time.Instant;

/** One message of a dataset conversation; its {@code id} is what evidence lists refer to. */
public record DatasetMessage(String id, String role, String name, String content, Instant timestamp) {

    /** The engine's message, carrying the dataset id so memories' sources point back to it. */
    public Message toMessage() {
        return new Message(role, content, name, id, timestamp);
    }
}
