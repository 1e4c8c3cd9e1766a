package dev.engram.gateway.rest.dto;

/** {@code POST /v1/feedback/}: the feedback recorded for the memory, echoed as Mem0 does. */
public record FeedbackView(String id, String feedback, String feedbackReason) {
}
