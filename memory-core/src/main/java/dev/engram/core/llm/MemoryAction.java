package dev.engram.core.llm;

/** One entry of a phase-2 reply, as the model wrote it; {@code id} is a temporary id (or anything, for ADD). */
record MemoryAction(String id, String text, Event event, String oldMemory) {

    enum Event { ADD, UPDATE, DELETE, NONE }
}
