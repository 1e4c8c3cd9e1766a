package dev.engram.gateway.rest.dto;

import com.fasterxml.jackson.annotation.JsonInclude;

/** {@code DELETE /v1/memories/{id}/}: {@code cascade_count} only when {@code delete_linked=true} was asked. */
public record DeletedMemoryView(String message, @JsonInclude(JsonInclude.Include.NON_NULL) Integer cascadeCount) {

    public static DeletedMemoryView of(boolean linked, int cascade) {
        return new DeletedMemoryView("Memory deleted successfully!", linked ? cascade : null);
    }
}
