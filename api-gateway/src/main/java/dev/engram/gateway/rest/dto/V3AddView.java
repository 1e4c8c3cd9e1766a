package dev.engram.gateway.rest.dto;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** {@code POST /v3/memories/add/}: queued (the default) or, with {@code async_mode: false}, processed. */
@Schema(oneOf = {PendingAddView.class, ProcessedAddView.class})
public sealed interface V3AddView permits PendingAddView, ProcessedAddView {
}
