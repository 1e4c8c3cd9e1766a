package dev.engram.gateway.rest.dto;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.List;
import java.util.Map;

/**
 * The body of an add ({@code POST /v3/memories/add/} and the legacy {@code POST /v1/memories/}), for the OpenAPI
 * document only: the routes read the raw JSON ({@link dev.engram.gateway.service.AddRequestReader}) so that each bad
 * field gets its own 400. Unknown fields are ignored.
 */
@Schema(description = "An add: the messages to remember, the entity they belong to and the add's options. Unknown fields are ignored.")
public record AddBody(
        @Schema(required = true, description = "The conversation to remember: a list of {role, content} messages; a single message "
                + "object or a plain string (one user message) is also accepted")
        List<AddMessage> messages,
        @Schema(description = "The user the memories belong to") String userId,
        @Schema(description = "The agent the memories belong to") String agentId,
        @Schema(description = "The application the memories belong to") String appId,
        @Schema(description = "The run (session) the memories belong to") String runId,
        @Schema(description = "Entity ids (user_id, agent_id, app_id, run_id) as an alternative to the top-level ones, which win")
        Map<String, String> filters,
        @Schema(description = "A JSON object stored with every memory of the add") Map<String, Object> metadata,
        @Schema(description = "true (default): extract facts with the LLM; false: store the messages as they are, synchronously")
        Boolean infer,
        @Schema(description = "The memories' time: unix seconds, or an ISO-8601 date-time string") Long timestamp,
        @Schema(description = "Extraction guidance for this add (at most 8000 characters)") String customInstructions,
        @Schema(description = "Categories for this add, as [{\"name\": \"description\"}] (a list of names is also accepted)")
        List<Map<String, String>> customCategories,
        @Schema(description = "The memories expire after this day (YYYY-MM-DD)", format = "date") String expirationDate,
        @Schema(description = "true: the memories cannot be updated later, through the API or by later adds (default false)") Boolean immutable,
        @Schema(description = "Legacy route (POST /v1/memories/) only: true (default) queues the add, false processes it before "
                + "answering; on v3 an inferring add is always queued") Boolean asyncMode,
        @Schema(description = "Legacy route only: the answer's shape, v1.0 (default, a list) or v1.1 ({\"results\": [...]})",
                enumeration = {"v1.0", "v1.1"}) String outputFormat) {

    /** One message of an add. */
    @Schema(description = "One message of the conversation")
    public record AddMessage(
            @Schema(description = "user (default), assistant or system", enumeration = {"user", "assistant", "system"}) String role,
            @Schema(required = true, description = "The text of the message; or a document or image (Mem0's multimodal "
                    + "content): one {type, …} part or a list of them", oneOf = {String.class, ContentPart.class, ContentPart[].class})
            Object content,
            @Schema(description = "The speaker's name") String name,
            @Schema(description = "The client's id for the message") String id) {
    }

    /** A document, image or text part of a message's content (Mem0's multimodal shapes). */
    @Schema(description = "A part of a message's content: a PDF (pdf_url), a text or Markdown document (mdx_url), an image "
            + "(image_url; needs a vision-capable LLM, else 415) or text. Documents are read and split before the add is "
            + "acknowledged; each memory's metadata.document names the document, page and passage it came from")
    public record ContentPart(
            @Schema(required = true, enumeration = {"pdf_url", "mdx_url", "image_url", "text"}) String type,
            @Schema(description = "The text, for type text") String text,
            @Schema(description = "For type pdf_url") UrlRef pdfUrl,
            @Schema(description = "For type mdx_url") UrlRef mdxUrl,
            @Schema(description = "For type image_url") UrlRef imageUrl) {
    }

    /** Where a document or image is. */
    @Schema(description = "An http(s) URL (fetched by the gateway; private addresses refused unless configured), a data URL "
            + "(data:application/pdf;base64,…) or bare base64")
    public record UrlRef(@Schema(required = true) String url) {
    }
}
