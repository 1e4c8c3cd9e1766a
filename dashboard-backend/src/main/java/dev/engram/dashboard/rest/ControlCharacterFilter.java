package dev.engram.dashboard.rest;

import dev.engram.core.error.ValidationException;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.UriInfo;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import java.util.List;
import java.util.Map;

/**
 * Refuses, with 400, a request whose path parameters or query parameters (decoded) hold a control character: an id such
 * as {@code %00} is never a valid organisation, project, member or memory id, and PostgreSQL cannot even compare text
 * with a NUL byte (it failed the query with a 500 before this check).
 */
public class ControlCharacterFilter {

    @ServerRequestFilter
    public void refuseControlCharacters(UriInfo uri) {
        check(uri.getPathParameters(true), "path");
        check(uri.getQueryParameters(true), "query");
    }

    private static void check(MultivaluedMap<String, String> parameters, String where) {
        for (Map.Entry<String, List<String>> p : parameters.entrySet()) {
            for (String value : p.getValue()) {
                if (value != null && value.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
                    throw new ValidationException("The " + where + " parameter '" + p.getKey() + "' must not contain control characters");
                }
            }
        }
    }
}
