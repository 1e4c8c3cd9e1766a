package dev.engram.gateway.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.engram.core.profile.ProfileJob;
import dev.engram.core.profile.ProfileSettings;
import dev.engram.core.tenant.KeyScope;
import dev.engram.gateway.rest.dto.ProfileJobBody;
import dev.engram.gateway.rest.dto.ProfileJobStatusView;
import dev.engram.gateway.rest.dto.ProfileJobView;
import dev.engram.gateway.rest.dto.ProfileSettingsBody;
import dev.engram.gateway.rest.dto.ProfileSettingsView;
import dev.engram.gateway.security.RequiresScope;
import dev.engram.gateway.service.ProfileService;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.List;
import java.util.Map;

/**
 * Mem0's profile job and settings routes, for the caller's project:
 * <ul>
 *   <li>{@code POST /v2/profiles/jobs/} {@code {operation: "trigger", entity_type: "user", entity_id}} or
 *       {@code {operation: "sample", entity_type: "user", limit?}}, header {@code Idempotency-Key} → the job (the same key
 *       answers the same job with {@code replayed: true} and starts nothing)</li>
 *   <li>{@code GET /v2/profiles/jobs/{job_id}/} → {@code {job: {...counters}}}</li>
 *   <li>{@code GET /v2/profiles/settings/} and {@code POST /v2/profiles/settings/} {@code {enabled?, entities?: {user:
 *       {schema?, custom_instructions?}}}} → the settings</li>
 * </ul>
 */
@Path("/v2/profiles")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = OpenApiDefinition.PROFILES)
public class ProfilesResource {

    static final String JOBS_PATH = "/v2/profiles/jobs/";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final ProfileService profiles;

    ProfilesResource(ProfileService profiles) {
        this.profiles = profiles;
    }

    @POST
    @Path("/jobs")
    @Consumes(MediaType.APPLICATION_JSON)
    @RequiresScope(KeyScope.WRITE)
    @Operation(summary = "Generate one user's profile now, or a sample of users' profiles, in the background")
    public ProfileJobView createJob(@HeaderParam("Idempotency-Key") String idempotencyKey,
                                    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ProfileJobBody.class))) JsonNode body) {
        ProfileService.Accepted accepted = profiles.createJob(idempotencyKey, body);
        ProfileJob job = accepted.job();
        boolean sample = job.operation() == ProfileJob.Operation.SAMPLE;
        return new ProfileJobView(job.id().toString(), job.status().wireName(), JOBS_PATH + job.id() + "/", job.operation().wireName(),
                ProfileService.USER, job.total(), null, accepted.replayed(), sample ? job.total() : null, sample ? job.entityIds() : null);
    }

    @GET
    @Path("/jobs/{job_id}")
    @RequiresScope(KeyScope.READ)
    @Operation(summary = "A profile job's status and counters")
    public ProfileJobStatusView job(@PathParam("job_id") String jobId) {
        ProfileJob j = profiles.job(jobId);
        return new ProfileJobStatusView(new ProfileJobStatusView.Job(j.id().toString(), j.operation().wireName(), ProfileService.USER,
                j.status().wireName(), j.total(), true, j.completed(), j.succeeded(), j.failed(), j.skipped(), j.entityIds(), j.createdAt(),
                j.updatedAt()));
    }

    @GET
    @Path("/settings")
    @RequiresScope(KeyScope.READ)
    @Operation(summary = "The project's profile settings")
    public ProfileSettingsView settings() {
        return view(profiles.settings());
    }

    @POST
    @Path("/settings")
    @Consumes(MediaType.APPLICATION_JSON)
    @RequiresScope(KeyScope.WRITE)
    @Operation(summary = "Change the project's profile settings (only the fields sent)")
    public ProfileSettingsView updateSettings(
            @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ProfileSettingsBody.class))) JsonNode body) {
        return view(profiles.updateSettings(body));
    }

    private ProfileSettingsView view(ProfileSettings s) {
        JsonNode schema;
        try {
            schema = s.userSchema() == null ? null : JSON.readTree(s.userSchema());
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("A stored profile schema is not JSON", e);
        }
        var config = profiles.config();
        return new ProfileSettingsView(s.enabled(), Map.of(ProfileService.USER, new ProfileSettingsView.EntitySettings(schema, s.userInstructions())),
                new ProfileSettingsView.Capabilities(List.of(ProfileService.USER), profiles.llmSummary(), config.regenerateAfterChanges(),
                        config.minMemories()));
    }
}
