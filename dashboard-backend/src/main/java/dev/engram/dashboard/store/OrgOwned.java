package dev.engram.dashboard.store;

/** An entity that belongs to one organisation: the rows {@link OrgScoped} reads, writes and deletes. */
interface OrgOwned {
    String orgId();
}
