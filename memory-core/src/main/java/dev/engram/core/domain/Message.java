package dev.engram.core.domain;

import java.time.Instant;

/**
 * One conversation message as a client sends it, its content normalised by {@link CleanText}.
 *
 * @param role      user, assistant or system
 * @param name      the speaker's name, when given (becomes the memory's actor)
 * @param id        the client's own message id, when given (kept in the memory's sources)
 * @param timestamp when the message was said, when known (else the add's timestamp)
 */
public record Message(String role, String content, String name, String id, Instant timestamp) {

    /** The content as {@link CleanText} normalises it. */
    public Message {
        content = CleanText.clean(content);
    }

    public static Message user(String content) {
        return new Message("user", content, null, null, null);
    }

    public static Message assistant(String content) {
        return new Message("assistant", content, null, null, null);
    }

    public static Message system(String content) {
        return new Message("system", content, null, null, null);
    }

    public Message at(Instant when) {
        return new Message(role, content, name, id, when);
    }

    public Message named(String speaker) {
        return new Message(role, content, speaker, id, timestamp);
    }

    public Message withId(String messageId) {
        return new Message(role, content, name, messageId, timestamp);
    }
}
