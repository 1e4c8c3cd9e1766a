package dev.engram.core.profile;

import dev.engram.core.domain.Field;
import dev.engram.core.domain.Filter;
import dev.engram.core.domain.ListRequest;
import dev.engram.core.domain.MemoryRecord;
import dev.engram.core.domain.Page;
import dev.engram.core.domain.Tenant;
import dev.engram.core.engine.MemoryEngine;

import java.util.List;

/** A user's memories, as a profile reads them. */
@FunctionalInterface
public interface UserMemories {

    /** The most memories a profile reads per user: the newest ones. */
    int MAX_MEMORIES = 2000;

    /** The user's active, unexpired memories, newest first, at most {@link #MAX_MEMORIES}. */
    List<MemoryRecord> of(Tenant tenant, String userId);

    /** Through the engine's listing (every memory with this {@code user_id}, whatever its other ids). */
    static UserMemories of(MemoryEngine engine) {
        return (tenant, userId) -> {
            int size = Math.min(engine.limits().maxPageSize(), MAX_MEMORIES);
            ListRequest request = ListRequest.of(tenant, Filter.eq(Field.USER_ID, userId));
            return Page.collect(page -> engine.list(request.page(page, size)), MAX_MEMORIES);
        };
    }
}
