package dev.engram.client.model;

/** The answer to a delete: the server's message and, where it reports them, how many memories went. */
public record DeleteResult(String message, Integer deletedCount, Integer cascadeCount) {
}
