package dev.engram.gateway.rest.dto;

/**
 * {@code POST /v1/feedback/}: the memory's feedback now, as Mem0 answers ({@code id}, {@code feedback},
 * {@code feedback_reason}; {@code feedback} null when it was cleared), plus the {@code message} the official TypeScript
 * client types the answer as.
 */
public record FeedbackView(String id, String feedback, String feedbackReason, String message) {
}
