package dev.engram.gateway.mcp;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import dev.engram.core.tenant.KeyScope;
import dev.engram.gateway.security.CallerContext;
import dev.engram.gateway.security.RequiresScope;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * The MCP endpoint, Streamable HTTP without sessions: each JSON-RPC message is one {@code POST /mcp}, answered with
 * {@code application/json} (a request) or {@code 202 Accepted} (a notification); there is no server-to-client stream, so
 * {@code GET} and {@code DELETE} answer 405. Authentication is the REST API's ({@code Authorization: Token <key>} or
 * {@code Bearer}, by {@code AuthenticationFilter}); the route needs the {@code read} scope and each write tool checks
 * {@code write}. A tool call without {@code user_id} acts for the connection's default user ({@value #USER_HEADER}, else
 * the URL's {@code ?user_id=}), else the API key's default user ({@code default_user_id}, set when the key is created or
 * edited): tool argument &gt; connection default &gt; key default.
 */
@Path("/mcp")
@Tag(name = "MCP")
public class McpResource {

    /** Names the user that tools act for when a call gives no user_id. */
    public static final String USER_HEADER = "X-Engram-User-Id";
    private static final String PROTOCOL_VERSION_HEADER = "MCP-Protocol-Version";

    private final McpServerEndpoint endpoint;
    private final CallerContext caller;

    McpResource(McpServerEndpoint endpoint, CallerContext caller) {
        this.endpoint = endpoint;
        this.caller = caller;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @RequiresScope(KeyScope.READ)
    @Operation(summary = "One JSON-RPC message of the Model Context Protocol (a request is answered, a notification gets 202)")
    public Response message(String body, @HeaderParam(PROTOCOL_VERSION_HEADER) String protocolVersion,
                            @HeaderParam(USER_HEADER) String userHeader, @QueryParam("user_id") String userQuery) {
        if (protocolVersion != null && !endpoint.protocolVersions().contains(protocolVersion.strip())) {
            return json(endpoint.unsupportedVersion(protocolVersion));
        }
        return json(endpoint.handle(body, defaultUser(userHeader, userQuery, caller.caller().defaultUserId())));
    }

    /** The first of the connection's header, its URL's user_id and the key's default user that is set. */
    static String defaultUser(String header, String query, String keyDefault) {
        if (header != null && !header.isBlank()) return header;
        if (query != null && !query.isBlank()) return query;
        return keyDefault;
    }

    private static Response json(McpServerEndpoint.Reply reply) {
        if (reply.body() == null) return Response.status(reply.status()).build();
        return Response.status(reply.status()).type(MediaType.APPLICATION_JSON).entity(reply.body()).build();
    }

    /** No server-initiated stream: this server never sends requests or notifications of its own. */
    @GET
    @RequiresScope(KeyScope.READ)
    @Operation(summary = "Not supported: no server-to-client stream (405)")
    public Response stream() {
        return Response.status(405).header("Allow", "POST").build();
    }

    /** No sessions to end. */
    @DELETE
    @RequiresScope(KeyScope.READ)
    @Operation(summary = "Not supported: the server keeps no sessions (405)")
    public Response endSession() {
        return Response.status(405).header("Allow", "POST").build();
    }
}
