package dev.engram.gateway.rest;

import dev.engram.core.tenant.KeyScope;
import dev.engram.gateway.rest.dto.ProfileView;
import dev.engram.gateway.security.RequiresScope;
import dev.engram.gateway.service.ProfileService;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * {@code GET /v2/entities/user/{entity_id}/profile/}: a user's profile and its status ({@code succeeded}, {@code pending},
 * {@code failed}, {@code not_enabled}, {@code insufficient_data}); 404 for a user with neither memories nor a profile.
 */
@Path("/v2/entities/user/{entity_id}/profile")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = OpenApiDefinition.PROFILES)
public class UserProfileResource {

    private final ProfileService profiles;

    UserProfileResource(ProfileService profiles) {
        this.profiles = profiles;
    }

    @GET
    @RequiresScope(KeyScope.READ)
    @Operation(summary = "A user's profile, built from their memories")
    public ProfileView profile(@PathParam("entity_id") String entityId) {
        ProfileService.Read read = profiles.profile(entityId);
        var stored = read.stored();
        return new ProfileView(ProfileService.content(stored), read.status().wireName(), ProfileService.USER, read.userId(), stored.updatedAt(),
                stored.generationCount(), stored.error());
    }
}
