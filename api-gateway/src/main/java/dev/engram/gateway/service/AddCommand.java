package dev.engram.gateway.service;

import dev.engram.core.domain.AddRequest;

/**
 * An add as the client asked for it: the engine request, whether to process it in the background, and the response
 * shape ({@code output_format} of the legacy route).
 */
public record AddCommand(AddRequest request, boolean async, String outputFormat, String payload) {
}
