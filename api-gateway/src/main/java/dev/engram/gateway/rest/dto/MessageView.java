package dev.engram.gateway.rest.dto;

/** A confirmation with nothing but a message ({@code {"message": "..."}}): batch, webhook and project updates, revocations. */
public record MessageView(String message) {
}
