package dev.engram.gateway.service;

import com.fasterxml.jackson.databind.JsonNode;
import dev.engram.core.error.ValidationException;
import dev.engram.core.tenant.ProjectDefaults;

import java.util.Locale;

/**
 * Reads the body of {@code PUT /api/v1/admin/projects/{org_id}/{project_id}/defaults}: {@code custom_instructions},
 * {@code categories} (as an add's {@code custom_categories}: {@code [{"name": "description"}]} or a list of names),
 * {@code default_expiration_days} (1 to {@value #MAX_EXPIRATION_DAYS}) and {@code extraction_mode}
 * ({@code "offline"} or {@code "llm"}, the default) and {@code llm_profile} (a configured profile name, or null for the
 * default LLM). Absent fields are unset: the body replaces all defaults. Limits are those of an add
 * ({@link AddRequestReader}).
 */
public final class ProjectDefaultsReader {

    static final int MAX_EXPIRATION_DAYS = 3650;

    private ProjectDefaultsReader() {
    }

    public static ProjectDefaults read(JsonNode body, LlmProfileNames profiles) {
        if (body == null || !body.isObject()) throw new ValidationException("The request body must be a JSON object");
        return new ProjectDefaults(AddRequestReader.instructions(body, "custom_instructions"),
                AddRequestReader.categories(body.get("categories"), "categories"), days(body.get("default_expiration_days")),
                offline(BodyFields.text(body, "extraction_mode")), profile(body, profiles));
    }

    /** {@code llm_profile}: null (the default LLM) or a configured profile name. */
    static String profile(JsonNode body, LlmProfileNames profiles) {
        return profiles.check(BodyFields.text(body, "llm_profile"), "llm_profile");
    }

    static Integer days(JsonNode n) {
        if (BodyFields.absent(n)) return null;
        if (!n.isIntegralNumber() || !n.canConvertToInt() || n.intValue() < 1 || n.intValue() > MAX_EXPIRATION_DAYS) {
            throw new ValidationException("default_expiration_days must be a whole number from 1 to " + MAX_EXPIRATION_DAYS + " (or null: never)");
        }
        return n.intValue();
    }

    static boolean offline(String mode) {
        if (mode == null) return false;
        return switch (mode.toLowerCase(Locale.ROOT)) {
            case "offline" -> true;
            case "llm" -> false;
            default -> throw new ValidationException("extraction_mode must be \"offline\" or \"llm\"");
        };
    }
}
