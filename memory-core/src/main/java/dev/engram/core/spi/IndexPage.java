package dev.engram.core.spi;

import java.util.List;
import java.util.UUID;

/** Ids of one page of a filtered listing, newest first, and the total number of matches. */
public record IndexPage(List<UUID> ids, long total) {
    public IndexPage {
        ids = List.copyOf(ids);
    }
}
