package dev.engram.gateway.rest.dto;

/** {@code POST /v1/feedback/}. */
public record FeedbackBody(String memoryId, String feedback, String feedbackReason) {
}
