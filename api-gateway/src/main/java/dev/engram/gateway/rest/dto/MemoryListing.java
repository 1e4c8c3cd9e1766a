package dev.engram.gateway.rest.dto;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A v1/v2 memory listing: a bare array, or the page envelope when both {@code page} and {@code page_size} were given. */
@Schema(oneOf = {MemoryResults.class, MemoryPage.class})
public sealed interface MemoryListing permits MemoryResults, MemoryPage {
}
