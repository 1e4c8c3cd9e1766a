package dev.engram.gateway.service;

import com.fasterxml.jackson.databind.JsonNode;

/** One memory of a batch update or delete: its id and, for an update, its new text and/or metadata. */
public record BatchItem(String memoryId, String text, JsonNode metadata) {
}
