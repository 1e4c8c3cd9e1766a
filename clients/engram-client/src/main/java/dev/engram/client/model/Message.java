package dev.engram.client.model;

import java.util.Objects;

/** One message of a conversation to add: {@code role} is {@code user}, {@code assistant} or {@code system}. */
public record Message(String role, String content) {

    public Message {
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(content, "content");
    }

    public static Message user(String content) {
        return new Message("user", content);
    }

    public static Message assistant(String content) {
        return new Message("assistant", content);
    }

    public static Message system(String content) {
        return new Message("system", content);
    }
}
