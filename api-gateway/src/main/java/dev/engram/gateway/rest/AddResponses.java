package dev.engram.gateway.rest;

import dev.engram.gateway.rest.dto.AddEventView;
import dev.engram.gateway.rest.dto.AddItem;
import dev.engram.gateway.rest.dto.PendingAddView;
import dev.engram.gateway.rest.dto.ProcessedAddView;
import dev.engram.gateway.rest.dto.V1AddView;
import dev.engram.gateway.rest.dto.V3AddView;
import dev.engram.gateway.service.IngestService.Accepted;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;

/** The response shapes of the add routes (v3 and the legacy v1 output formats). */
@ApplicationScoped
public class AddResponses {

    private final WireMapper wire;

    AddResponses(WireMapper wire) {
        this.wire = wire;
    }

    /** v3: {@code {message, status:PENDING, event_id}} or, synchronous, {@code {message, event_id, results}}. */
    public V3AddView v3(Accepted a) {
        if (a.queued()) return PendingAddView.of(a.eventId());
        return new ProcessedAddView("Memories processed", a.eventId(), results(a));
    }

    /** v1: output_format v1.0 is a bare list, v1.1 an object with {@code results} and {@code relations}. */
    public V1AddView v1(Accepted a, String outputFormat) {
        List<AddItem> results = a.queued() ? List.of(PendingAddView.of(a.eventId())) : List.copyOf(results(a));
        if (!"v1.1".equals(outputFormat)) return new V1AddView.Items(results);
        return new V1AddView.WithRelations(results, List.of());
    }

    private List<AddEventView> results(Accepted a) {
        return a.result().events().stream().map(wire::addResult).toList();
    }
}
