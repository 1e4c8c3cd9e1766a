package dev.engram.core.domain;


/**
 * A page of memories of one tenant, newest first.
 *
 * @param page     1-based
 * @param pageSize 1 to the engine's {@code RequestLimits.maxPageSize()} (200 by default)
 */
public record ListRequest(Tenant tenant, Filter filter, int page, int pageSize, boolean includeSuperseded, boolean showExpired) {

    public static final int DEFAULT_PAGE_SIZE = 100;

    public static ListRequest of(Tenant tenant, Filter filter) {
        return new ListRequest(tenant, filter, 1, DEFAULT_PAGE_SIZE, false, false);
    }

    public ListRequest page(int p, int size) {
        return new ListRequest(tenant, filter, p, size, includeSuperseded, showExpired);
    }

    public ListRequest withIncludeSuperseded(boolean on) {
        return new ListRequest(tenant, filter, page, pageSize, on, showExpired);
    }

    public ListRequest withShowExpired(boolean on) {
        return new ListRequest(tenant, filter, page, pageSize, includeSuperseded, on);
    }
}
