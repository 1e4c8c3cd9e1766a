package dev.engram.gateway.rest;

import dev.engram.gateway.security.CallerContext;
import dev.engram.core.tenant.KeyScope;
import dev.engram.gateway.security.RequiresScope;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import java.util.LinkedHashMap;
import java.util.Map;

/** {@code GET /v1/ping/}: the SDKs call it on construction and keep org and project ids from it. */
@Path("/v1/ping")
@Produces(MediaType.APPLICATION_JSON)
public class PingResource {

    private final CallerContext caller;

    PingResource(CallerContext caller) {
        this.caller = caller;
    }

    @GET
    @RequiresScope(KeyScope.READ)
    public Map<String, Object> ping() {
        var c = caller.caller();
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("status", "ok");
        out.put("org_id", c.tenant().orgId());
        out.put("project_id", c.tenant().projectId());
        out.put("user_email", c.userEmail());
        return out;
    }
}
