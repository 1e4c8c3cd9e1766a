package dev.engram.gateway.mcp;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.engram.core.error.EngramException;
import dev.engram.gateway.security.CallerContext;
import dev.engram.platform.error.HttpStatusTable;
import dev.engram.platform.error.RejectedRequestException;
import io.modelcontextprotocol.common.McpTransportContext;
import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.json.jackson2.JacksonMcpJsonMapper;
import io.modelcontextprotocol.server.McpServer;
import io.modelcontextprotocol.server.McpStatelessServerFeatures.SyncToolSpecification;
import io.modelcontextprotocol.server.McpStatelessServerHandler;
import io.modelcontextprotocol.server.McpStatelessSyncServer;
import io.modelcontextprotocol.spec.McpError;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpStatelessServerTransport;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;
import reactor.core.publisher.Mono;

import java.io.IOException;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Engram's MCP server: the SDK's stateless server ({@link McpStatelessSyncServer}: protocol version negotiation,
 * {@code initialize}, {@code ping}, {@code tools/list}, {@code tools/call}) with the {@link MemoryTools}, behind a
 * transport of our own, since the SDK's HTTP transport is a servlet and the gateway is Quarkus REST. {@link McpResource}
 * hands each POSTed message to {@link #handle}; tools run on the calling (worker) thread ({@code immediateExecution}),
 * inside the HTTP request's CDI request context, so {@link CallerContext} holds the authenticated caller.
 *
 * <p>A tool that fails answers a tool result with {@code isError:true} and a message for the model (the REST API's
 * problem detail for client errors, "try again" when a backend is unavailable, a generic message, logged once, for
 * anything else), never a JSON-RPC error or an HTTP 500.
 */
@ApplicationScoped
public class McpServerEndpoint {

    private static final Logger LOG = Logger.getLogger(McpServerEndpoint.class);
    /** The transport-context key of the connection's default user id. */
    static final String DEFAULT_USER = "engram.default_user_id";

    /** What the HTTP layer answers: a status and a JSON body, or none (a 202 for a notification). */
    public record Reply(int status, String body) {
    }

    private final McpJsonMapper json;
    private final CallerContext caller;
    private final Transport transport = new Transport();
    private final McpStatelessSyncServer server;

    McpServerEndpoint(MemoryTools tools, CallerContext caller, ObjectMapper mapper) {
        this.caller = caller;
        this.json = new JacksonMcpJsonMapper(mapper);
        this.server = McpServer.sync(transport).serverInfo("engram", version()).jsonMapper(json)
                .capabilities(McpSchema.ServerCapabilities.builder().tools(false).build())
                .instructions("Engram is a long-term memory for this user. Call search_memories before answering questions that may "
                        + "depend on the user's preferences or history, and add_memory when the user shares something worth remembering.")
                .immediateExecution(true)
                .validateToolInputs(false) // ToolArguments and the services validate, with messages that name the fix
                .tools(tools.definitions().stream().map(this::specification).toList())
                .build();
    }

    private static String version() {
        String v = McpServerEndpoint.class.getPackage().getImplementationVersion();
        return v == null ? "dev" : v;
    }

    /** The protocol versions the server speaks (for the {@code MCP-Protocol-Version} header check). */
    List<String> protocolVersions() {
        return transport.protocolVersions();
    }

    /** Handles one JSON-RPC message (a request or a notification); {@code defaultUserId} may be null. */
    Reply handle(String body, String defaultUserId) {
        McpSchema.JSONRPCMessage message;
        try {
            message = McpSchema.deserializeJsonRpcMessage(json, body);
        } catch (IOException | IllegalArgumentException e) {
            return error(400, null, McpSchema.ErrorCodes.PARSE_ERROR, "The body must be one JSON-RPC 2.0 request or notification");
        }
        Map<String, Object> context = new HashMap<>();
        if (defaultUserId != null && !defaultUserId.isBlank()) context.put(DEFAULT_USER, defaultUserId.strip());
        McpTransportContext transportContext = McpTransportContext.create(context);
        if (message instanceof McpSchema.JSONRPCNotification notification) {
            transport.handler.handleNotification(transportContext, notification)
                    .contextWrite(ctx -> ctx.put(McpTransportContext.KEY, transportContext)).block();
            return new Reply(202, null);
        }
        if (!(message instanceof McpSchema.JSONRPCRequest request)) {
            return error(400, null, McpSchema.ErrorCodes.INVALID_REQUEST, "The server accepts requests and notifications only");
        }
        try {
            McpSchema.JSONRPCResponse response = transport.handler.handleRequest(transportContext, request)
                    .contextWrite(ctx -> ctx.put(McpTransportContext.KEY, transportContext)).block();
            return new Reply(200, write(response));
        } catch (McpError e) {
            McpSchema.JSONRPCResponse.JSONRPCError error = e.getJsonRpcError();
            return error(200, request.id(), error.code(), error.message());
        } catch (RuntimeException e) {
            if (!malformedParams(e)) throw e;
            return error(200, request.id(), McpSchema.ErrorCodes.INVALID_PARAMS,
                    "Invalid params for " + request.method() + ": they do not have the shape the method takes (tools/call: {name, arguments: {…}})");
        }
    }

    /** True when the SDK could not read a request's params (Jackson failed to map them): the client's mistake, not ours. */
    private static boolean malformedParams(Throwable e) {
        for (Throwable c = e; c != null; c = c.getCause()) {
            if (c instanceof com.fasterxml.jackson.core.JsonProcessingException || c instanceof IllegalArgumentException) return true;
            if (c.getCause() == c) break;
        }
        return false;
    }

    /** A JSON-RPC error response; written as a map because the SDK's response type refuses the null id of a parse error. */
    private Reply error(int status, Object id, int code, String message) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("jsonrpc", McpSchema.JSONRPC_VERSION);
        out.put("id", id);
        out.put("error", Map.of("code", code, "message", message));
        return new Reply(status, write(out));
    }

    /** The answer to a request whose {@code MCP-Protocol-Version} header names a version this server does not speak. */
    Reply unsupportedVersion(String version) {
        return error(400, null, McpSchema.ErrorCodes.INVALID_REQUEST, "Unsupported MCP-Protocol-Version "
                + version.replaceAll("[^A-Za-z0-9._-]", "") + "; supported: " + String.join(", ", protocolVersions()));
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (IOException e) {
            throw new IllegalStateException("An MCP response could not be written", e);
        }
    }

    private SyncToolSpecification specification(MemoryTools.Definition d) {
        var names = MemoryTools.argumentNames(d);
        return SyncToolSpecification.builder().tool(d.tool()).callHandler((context, request) -> {
            try {
                if (!caller.caller().has(d.scope())) {
                    return failure("This API key lacks the '" + d.scope().wireName() + "' scope that " + d.tool().name() + " needs");
                }
                Object user = context.get(DEFAULT_USER);
                ToolArguments args = new ToolArguments(d.tool().name(), request.arguments(), names, user == null ? null : user.toString());
                return McpSchema.CallToolResult.builder().addTextContent(d.handler().call(args)).isError(false).build();
            } catch (EngramException | RejectedRequestException | IllegalArgumentException e) {
                HttpStatusTable.Entry entry = HttpStatusTable.lookup(e);
                if (entry.status() == 503) {
                    LOG.warnf("MCP tool %s answered unavailable: %s", d.tool().name(), e.toString().replaceAll("[\\r\\n]+", " "));
                    return failure("Engram is briefly unavailable (a backing service is down or restarting); try " + d.tool().name()
                            + " again in a few seconds");
                }
                if (entry.status() >= 500 || !entry.exposeMessage()) return unexpected(d, e);
                return failure(e.getMessage());
            } catch (RuntimeException e) {
                return unexpected(d, e);
            }
        }).build();
    }

    private static McpSchema.CallToolResult unexpected(MemoryTools.Definition d, RuntimeException e) {
        LOG.errorf(e, "MCP tool %s failed", d.tool().name());
        return failure(d.tool().name() + " failed on the server; try again later");
    }

    private static McpSchema.CallToolResult failure(String message) {
        return McpSchema.CallToolResult.builder().addTextContent(message).isError(true).build();
    }

    @PreDestroy
    void close() {
        server.close();
    }

    /** The SDK's stateless transport contract; the HTTP side is {@link McpResource}. */
    private static final class Transport implements McpStatelessServerTransport {

        private McpStatelessServerHandler handler;

        @Override
        public void setMcpHandler(McpStatelessServerHandler handler) {
            this.handler = handler;
        }

        @Override
        public Mono<Void> closeGracefully() {
            return Mono.empty();
        }
    }
}
