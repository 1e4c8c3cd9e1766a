package dev.engram.core.tenant;

import dev.engram.core.domain.Tenant;

import java.time.Instant;

/** A project of an organisation: the tenant memories, events and keys belong to. */
public record Project(Tenant tenant, String name, Instant createdAt) {
}
