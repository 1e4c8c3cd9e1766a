package dev.engram.core.spi;

import dev.engram.core.domain.MemoryRecord;

/** A memory and its embedding, as written to a {@link VectorIndex}. The index keeps every filterable field of the record. */
public record IndexEntry(MemoryRecord record, float[] vector) {
}
