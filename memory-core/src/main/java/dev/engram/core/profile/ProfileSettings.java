package dev.engram.core.profile;

/**
 * A project's profile settings (Mem0's {@code /v2/profiles/settings/}).
 *
 * @param enabled          project-wide switch; profiles are on unless a project turns them off (friendlier for
 *                         self-hosting: nothing to configure before the first profile)
 * @param userSchema       the JSON Schema of user profiles as JSON text, verbatim as the project sent it, or null
 * @param userInstructions free-text instructions for the LLM summary of user profiles, or null
 */
public record ProfileSettings(boolean enabled, String userSchema, String userInstructions) {

    /** A project that never changed its settings. */
    public static final ProfileSettings DEFAULTS = new ProfileSettings(true, null, null);

    public ProfileSettings withEnabled(boolean on) {
        return new ProfileSettings(on, userSchema, userInstructions);
    }

    public ProfileSettings withUserSchema(String schema) {
        return new ProfileSettings(enabled, schema, userInstructions);
    }

    public ProfileSettings withUserInstructions(String instructions) {
        return new ProfileSettings(enabled, userSchema, instructions);
    }
}
