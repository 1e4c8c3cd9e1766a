package dev.engram.client.model;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A listing ({@code POST /v3/memories/?page=&page_size=}): a v2 filter with at least one entity id, a 1-based page and a
 * page size (1–200; server default 100), and optional narrowing. Fields left null are not sent.
 */
public record ListRequest(Map<String, Object> filters, Integer page, Integer pageSize, Boolean showExpired, List<String> categories,
                          String keywords) {

    public ListRequest {
        Objects.requireNonNull(filters, "filters (a listing needs a scope)");
        categories = categories == null ? null : List.copyOf(categories);
    }

    public static ListRequest of(Scope scope) {
        return new ListRequest(scope.toFilters(), null, null, null, null, null);
    }

    public static ListRequest of(Map<String, Object> filters) {
        return new ListRequest(filters, null, null, null, null, null);
    }

    public ListRequest page(int number, int size) {
        return new ListRequest(filters, number, size, showExpired, categories, keywords);
    }

    public ListRequest withKeywords(String text) {
        return new ListRequest(filters, page, pageSize, showExpired, categories, text);
    }

    public ListRequest withShowExpired(boolean value) {
        return new ListRequest(filters, page, pageSize, value, categories, keywords);
    }

    public ListRequest withCategories(List<String> value) {
        return new ListRequest(filters, page, pageSize, showExpired, value, keywords);
    }

    public Map<String, Object> toBody() {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("filters", filters);
        if (showExpired != null) body.put("show_expired", showExpired);
        if (categories != null) body.put("categories", categories);
        if (keywords != null) body.put("keywords", keywords);
        return body;
    }
}
