package dev.engram.gateway.rest.dto;

/** A deletion of many memories ({@code DELETE /v1/memories/}, entity deletions): the message and how many went. */
public record DeletedCountView(String message, int deletedCount) {
}
