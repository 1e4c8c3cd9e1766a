package dev.engram.client.model;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * An add: messages for a scope, with optional metadata and processing options; built with {@link #builder(Scope)} or
 * {@link #of(Scope, Message...)}. Fields left null are not sent, so the server's defaults apply.
 *
 * @param infer     false stores each non-system message verbatim and synchronously; true (default) extracts facts
 * @param asyncMode false asks for an inferred add to be processed before the response (the legacy
 *                  {@code POST /v1/memories/} with {@code async_mode:false}); null or true queue it and answer
 *                  {@code PENDING} with an event id
 */
public record AddRequest(Scope scope, List<Message> messages, Map<String, Object> metadata, Boolean infer, Boolean asyncMode,
                         String customInstructions, LocalDate expirationDate, Boolean immutable) {

    public AddRequest {
        Objects.requireNonNull(scope, "scope");
        if (messages == null || messages.isEmpty()) throw new IllegalArgumentException("an add needs at least one message");
        messages = List.copyOf(messages);
        metadata = metadata == null ? null : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(metadata));
    }

    public static AddRequest of(Scope scope, Message... messages) {
        return builder(scope).messages(List.of(messages)).build();
    }

    public static Builder builder(Scope scope) {
        return new Builder(scope);
    }

    /** The JSON body (snake_case; {@code metadata} keys verbatim). */
    public Map<String, Object> toBody() {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("messages", messages);
        body.putAll(scope.toFields());
        if (metadata != null) body.put("metadata", metadata);
        if (infer != null) body.put("infer", infer);
        if (asyncMode != null) body.put("async_mode", asyncMode);
        if (customInstructions != null) body.put("custom_instructions", customInstructions);
        if (expirationDate != null) body.put("expiration_date", expirationDate.toString());
        if (immutable != null) body.put("immutable", immutable);
        return body;
    }

    public static final class Builder {
        private final Scope scope;
        private final List<Message> messages = new ArrayList<>();
        private Map<String, Object> metadata;
        private Boolean infer;
        private Boolean asyncMode;
        private String customInstructions;
        private LocalDate expirationDate;
        private Boolean immutable;

        private Builder(Scope scope) {
            this.scope = scope;
        }

        public Builder message(Message message) {
            messages.add(message);
            return this;
        }

        public Builder messages(List<Message> all) {
            messages.addAll(all);
            return this;
        }

        /** A user message (Mem0 wraps a plain string the same way). */
        public Builder text(String text) {
            return message(Message.user(text));
        }

        public Builder metadata(Map<String, Object> value) {
            this.metadata = value;
            return this;
        }

        public Builder infer(boolean value) {
            this.infer = value;
            return this;
        }

        public Builder asyncMode(boolean value) {
            this.asyncMode = value;
            return this;
        }

        public Builder customInstructions(String value) {
            this.customInstructions = value;
            return this;
        }

        public Builder expirationDate(LocalDate value) {
            this.expirationDate = value;
            return this;
        }

        public Builder immutable(boolean value) {
            this.immutable = value;
            return this;
        }

        public AddRequest build() {
            return new AddRequest(scope, messages, metadata, infer, asyncMode, customInstructions, expirationDate, immutable);
        }
    }
}
