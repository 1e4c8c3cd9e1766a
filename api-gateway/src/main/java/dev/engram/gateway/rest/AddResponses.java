package dev.engram.gateway.rest;

import dev.engram.gateway.service.IngestService.Accepted;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The response shapes of the add routes (v3 and the legacy v1 output formats). */
@ApplicationScoped
public class AddResponses {

    static final String QUEUED = "Memory processing has been queued for background execution";

    private final WireMapper wire;

    AddResponses(WireMapper wire) {
        this.wire = wire;
    }

    /** v3: {@code {status:PENDING, event_id}} or, synchronous, {@code {message, results}}. */
    public Object v3(Accepted a) {
        if (a.queued()) return pending(a);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("message", "Memories processed");
        out.put("event_id", a.eventId());
        out.put("results", a.result().events().stream().map(wire::addResult).toList());
        return out;
    }

    /** v1: output_format v1.0 is a bare list, v1.1 an object with {@code results} and {@code relations}. */
    public Object v1(Accepted a, String outputFormat) {
        List<?> results = a.queued() ? List.of(pending(a)) : a.result().events().stream().map(wire::addResult).toList();
        if (!"v1.1".equals(outputFormat)) return results;
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("results", results);
        out.put("relations", List.of());
        return out;
    }

    private static Map<String, Object> pending(Accepted a) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("message", QUEUED);
        out.put("status", "PENDING");
        out.put("event_id", a.eventId());
        return out;
    }
}
