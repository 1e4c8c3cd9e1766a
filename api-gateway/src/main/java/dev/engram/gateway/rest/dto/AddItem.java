package dev.engram.gateway.rest.dto;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** One item of a v1 add answer: a processed memory event, or (background add) the pending marker. */
@Schema(oneOf = {AddEventView.class, PendingAddView.class})
public sealed interface AddItem permits AddEventView, PendingAddView {
}
