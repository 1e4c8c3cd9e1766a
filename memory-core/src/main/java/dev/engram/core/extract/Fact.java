package dev.engram.core.extract;

import java.time.Instant;
import java.util.List;

/**
 * One atomic fact extracted from a conversation.
 *
 * @param text           self-contained statement in the source language, relative dates replaced by absolute ones
 * @param messageIndexes indexes (in the add's message list) of the messages it came from; the first is the main one
 * @param speaker        who said it (the message's name, else its role)
 * @param role           the role of the main message (user, assistant)
 * @param eventTime      when the fact happened, when the text says; null otherwise
 * @param slot           "subject|attribute" for single-valued attributes (where a new value contradicts the old one,
 *                       e.g. "user|location", "user|employer"), null for facts that can coexist
 * @param categories     category names (from the request's categories, or the defaults)
 */
public record Fact(String text, List<Integer> messageIndexes, String speaker, String role, Instant eventTime, String slot,
                   List<String> categories) {
    public Fact {
        messageIndexes = List.copyOf(messageIndexes);
        categories = categories == null ? List.of() : List.copyOf(categories);
    }

    public Fact withText(String newText) {
        return new Fact(newText, messageIndexes, speaker, role, eventTime, slot, categories);
    }
}
