package dev.engram.gateway.rest;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import dev.engram.gateway.rest.dto.PingView;
import dev.engram.gateway.security.CallerContext;
import dev.engram.core.tenant.KeyScope;
import dev.engram.gateway.security.RequiresScope;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** {@code GET /v1/ping/}: the SDKs call it on construction and keep org and project ids from it. */
@Path("/v1/ping")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = OpenApiDefinition.MEMORIES)
public class PingResource {

    private final CallerContext caller;

    PingResource(CallerContext caller) {
        this.caller = caller;
    }

    @GET
    @RequiresScope(KeyScope.READ)
    @Operation(summary = "Check the credentials; answers the caller's organisation and project")
    public PingView ping() {
        var c = caller.caller();
        return PingView.ok(c.tenant().orgId(), c.tenant().projectId(), c.userEmail());
    }
}
