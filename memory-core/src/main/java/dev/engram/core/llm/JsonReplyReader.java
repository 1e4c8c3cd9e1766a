package dev.engram.core.llm;

import com.fasterxml.jackson.databind.JsonNode;

/** Validates the shape of a parsed reply and turns it into a phase's result. */
@FunctionalInterface
interface JsonReplyReader<T> {

    /** @throws InvalidReplyException when the object does not have the shape the phase asked for */
    T read(JsonNode reply) throws InvalidReplyException;
}
