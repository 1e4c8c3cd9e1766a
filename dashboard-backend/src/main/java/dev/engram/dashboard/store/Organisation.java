package dev.engram.dashboard.store;

import java.time.Instant;

/** An organisation: the {@code orgId} of the platform's tenants, owning projects and their keys. */
public record Organisation(String id, String name, Instant createdAt) {
}
