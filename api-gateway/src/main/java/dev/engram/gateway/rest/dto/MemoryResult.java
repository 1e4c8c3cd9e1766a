package dev.engram.gateway.rest.dto;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A memory in a listing or search answer: the whole memory, or (when the request named {@code fields}) a projection of it. */
@Schema(oneOf = {MemoryView.class, ProjectedMemory.class})
public sealed interface MemoryResult permits MemoryView, ProjectedMemory {
}
