package dev.engram.core.domain;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;
import java.util.UUID;

/**
 * A client's update of one memory. Null fields are left as they are; {@code clearExpiration} removes the expiration date.
 */
public record UpdateRequest(
        Tenant tenant,
        UUID memoryId,
        String text,
        Map<String, Object> metadata,
        Instant timestamp,
        LocalDate expirationDate,
        boolean clearExpiration) {

    public static UpdateRequest text(Tenant tenant, UUID id, String text) {
        return new UpdateRequest(tenant, id, text, null, null, null, false);
    }
}
