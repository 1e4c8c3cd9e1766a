package dev.engram.dashboard.memories;

import dev.engram.dashboard.identity.Role;
import dev.engram.dashboard.security.OrgAccess;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.util.List;

/**
 * The memory browser (docs/dashboard.md, "Memory browser"): readers list, search and read an end user's memories; members
 * and up delete them (as they could with a write key of their own).
 */
@Path("/api/v1/orgs/{org_id}/projects/{project_id}/memories")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class MemoryResource {

    @Inject
    MemoryBrowser browser;

    @GET
    @Path("users")
    @OrgAccess(Role.READER)
    public List<EndUser> users(@PathParam("org_id") String orgId, @PathParam("project_id") String projectId) {
        return browser.users(orgId, projectId);
    }

    @GET
    @OrgAccess(Role.READER)
    public BrowsedMemoryPage list(@PathParam("org_id") String orgId, @PathParam("project_id") String projectId,
                           @QueryParam("user_id") String userId, @QueryParam("page") Integer page, @QueryParam("page_size") Integer pageSize) {
        return browser.memories(orgId, projectId, userId, page, pageSize);
    }

    @POST
    @Path("search")
    @OrgAccess(Role.READER)
    public List<BrowsedMemory> search(@PathParam("org_id") String orgId, @PathParam("project_id") String projectId, MemoryQuery body) {
        return browser.search(orgId, projectId, body);
    }

    @GET
    @Path("{memory_id}")
    @OrgAccess(Role.READER)
    public BrowsedMemory get(@PathParam("org_id") String orgId, @PathParam("project_id") String projectId,
                             @PathParam("memory_id") String memoryId) {
        return browser.memory(orgId, projectId, memoryId);
    }

    @GET
    @Path("{memory_id}/history")
    @OrgAccess(Role.READER)
    public List<BrowsedHistoryEntry> history(@PathParam("org_id") String orgId, @PathParam("project_id") String projectId,
                                      @PathParam("memory_id") String memoryId) {
        return browser.history(orgId, projectId, memoryId);
    }

    @DELETE
    @Path("{memory_id}")
    @OrgAccess(Role.MEMBER)
    public Response delete(@PathParam("org_id") String orgId, @PathParam("project_id") String projectId,
                           @PathParam("memory_id") String memoryId) {
        browser.delete(orgId, projectId, memoryId);
        return Response.noContent().build();
    }
}
