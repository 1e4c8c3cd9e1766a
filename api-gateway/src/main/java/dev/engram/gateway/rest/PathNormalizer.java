package dev.engram.gateway.rest;

import io.quarkus.vertx.http.runtime.filters.Filters;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * Collapses repeated slashes before routing: the TS SDK joins a host ending in {@code /} with {@code /v1/...} and
 * sends {@code //v1/ping/}. Trailing slashes need nothing here: routes match with and without them.
 */
@ApplicationScoped
public class PathNormalizer {

    void register(@Observes Filters filters) {
        filters.register(rc -> {
            String path = rc.request().path();
            if (path == null || !path.contains("//")) {
                rc.next();
                return;
            }
            String query = rc.request().query();
            rc.reroute(path.replaceAll("/{2,}", "/") + (query == null ? "" : "?" + query));
        }, 1000);
    }
}
