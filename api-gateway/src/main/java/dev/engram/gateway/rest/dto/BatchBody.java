package dev.engram.gateway.rest.dto;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.List;

/** {@code PUT}/{@code DELETE /v1/batch/}: {@code {"memories":[{"memory_id", "text"?, "metadata"?}]}}. */
public record BatchBody(List<Item> memories) {
    public record Item(String memoryId, String text, JsonNode metadata) {
    }
}
