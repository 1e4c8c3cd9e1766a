package dev.engram.gateway.document;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.engram.core.domain.Message;
import dev.engram.core.error.UnsupportedMediaException;
import dev.engram.core.error.ValidationException;
import dev.engram.core.tenant.ProjectDefaults;
import dev.engram.gateway.config.EngramConfig;
import jakarta.enterprise.context.ApplicationScoped;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Reads an add message whose content is not a string, in Mem0's shapes: one object or a list of them, each
 * {@code {"type":"text","text":…}}, {@code {"type":"mdx_url","mdx_url":{"url":…}}} (text or Markdown),
 * {@code {"type":"pdf_url","pdf_url":{"url":…}}} or {@code {"type":"image_url","image_url":{"url":…}}}. A URL is
 * {@code http(s)} (downloaded by {@link DocumentFetcher}), a data URL ({@code data:application/pdf;base64,…}) or bare
 * base64. A document becomes one message per passage ({@link PassageSplitter}; a PDF's passages never span pages), each
 * carrying its provenance as metadata: {@code {"document": {"type", "source", "url", "sha256", "bytes", "page",
 * "pages", "passage", "passages"}}}, merged into every memory made from it. An image becomes the vision LLM's
 * description ({@link ImageDescriber}), with {@code {"image": {"source", "url", "sha256", "bytes", "media_type"}}}.
 * Everything happens before the add is acknowledged, so every refusal is the add's own 4xx.
 */
@ApplicationScoped
public class MessageContents {

    private static final Set<String> IMAGE_TYPES = Set.of("image/png", "image/jpeg", "image/gif", "image/webp");

    private final DocumentFetcher fetcher;
    private final ImageDescriber images;
    private final DocumentReader reader;
    private final PassageSplitter splitter;
    private final int maxBytes;

    MessageContents(EngramConfig config, DocumentFetcher fetcher, ImageDescriber images) {
        EngramConfig.Documents documents = config.documents();
        this.fetcher = fetcher;
        this.images = images;
        this.reader = new DocumentReader(documents.maxPages(), documents.maxChars());
        this.splitter = new PassageSplitter(documents.passageChars());
        this.maxBytes = documents.maxBytes();
    }

    /**
     * The messages one non-string content makes.
     *
     * @param said    the message as sent, without content (role, name, id): each made message copies it
     * @param field   the content's place in the request, for messages ({@code messages[2].content})
     * @param project the add's project settings (read only for an image: which LLM would describe it)
     */
    public List<Message> read(JsonNode content, Message said, String field, Supplier<ProjectDefaults> project) {
        List<Message> out = new ArrayList<>();
        if (content.isArray()) {
            if (content.isEmpty()) throw new ValidationException(field + " must not be an empty list");
            int i = 0;
            for (JsonNode part : content) out.addAll(part(part, said, field + "[" + i++ + "]", project));
        } else if (content.isObject()) {
            out.addAll(part(content, said, field, project));
        } else {
            throw new ValidationException(field + " must be a string, a {type, …} object or a list of them");
        }
        return out;
    }

    private List<Message> part(JsonNode part, Message said, String field, Supplier<ProjectDefaults> project) {
        if (!part.isObject()) throw new ValidationException(field + " must be a {type, …} object");
        JsonNode typeNode = part.get("type");
        String type = typeNode != null && typeNode.isTextual() ? typeNode.asText() : null;
        if (type == null) throw new ValidationException(field + ".type is required (text, image_url, mdx_url or pdf_url)");
        return switch (type) {
            case "text" -> {
                JsonNode text = part.get("text");
                if (text == null || !text.isTextual()) throw new ValidationException(field + ".text must be a string");
                yield List.of(copy(said, text.asText(), null));
            }
            case "mdx_url" -> document(url(part, type, field), said, field + ".mdx_url.url", false);
            case "pdf_url" -> document(url(part, type, field), said, field + ".pdf_url.url", true);
            case "image_url" -> List.of(image(url(part, type, field), said, field + ".image_url.url", project.get()));
            default -> throw new UnsupportedMediaException(field + ".type " + type + " is not supported (text, image_url, mdx_url or pdf_url)");
        };
    }

    /** {@code {"<type>": {"url": "…"}}}, or {@code {"<type>": "…"}}. */
    private static String url(JsonNode part, String type, String field) {
        JsonNode holder = part.get(type);
        JsonNode url = holder != null && holder.isObject() ? holder.get("url") : holder;
        if (url == null || !url.isTextual() || url.asText().isBlank()) throw new ValidationException(field + "." + type + ".url is required");
        return url.asText().strip();
    }

    private Download load(String value, String field, String accept) {
        if (InlineData.isUrl(value)) return fetcher.fetch(value, field, accept);
        return InlineData.decode(value, field, maxBytes);
    }

    private List<Message> document(String value, Message said, String field, boolean pdf) {
        Download d = load(value, field, pdf ? "application/pdf" : "text/markdown, text/plain;q=0.9, */*;q=0.1");
        List<DocumentPage> pages = pdf ? reader.pdf(d, field) : List.of(reader.text(d, field));
        int pageCount = pdf ? pages.getLast().number() : 0;
        List<Map.Entry<Integer, String>> passages = new ArrayList<>();
        for (DocumentPage page : pages) for (String p : splitter.split(page.text())) passages.add(Map.entry(page.number(), p));
        Map<String, Object> source = source(d, value);
        List<Message> out = new ArrayList<>();
        for (int i = 0; i < passages.size(); i++) {
            Map<String, Object> doc = new LinkedHashMap<>();
            doc.put("type", pdf ? "pdf" : "text");
            doc.putAll(source);
            if (pdf) {
                doc.put("page", passages.get(i).getKey());
                doc.put("pages", pageCount);
            }
            doc.put("passage", i + 1);
            doc.put("passages", passages.size());
            out.add(copy(said, passages.get(i).getValue(), Map.of("document", doc)));
        }
        return out;
    }

    private Message image(String value, Message said, String field, ProjectDefaults project) {
        // Refused before any download when no vision LLM would read it.
        images.requireVision(project.llmProfile(), project.offlineOnly(), field);
        Download d = load(value, field, "image/png, image/jpeg, image/gif, image/webp");
        String type = d.mediaType() != null ? d.mediaType() : sniff(d.bytes());
        if (type == null || !IMAGE_TYPES.contains(type)) {
            throw new UnsupportedMediaException(field + " is " + (type == null ? "not a recognised image" : type)
                    + "; images are PNG, JPEG, GIF or WebP");
        }
        Download typed = new Download(d.bytes(), type, null, d.url());
        String description = images.describe(project.llmProfile(), project.offlineOnly(), typed, field);
        Map<String, Object> image = new LinkedHashMap<>(source(d, value));
        image.put("media_type", type);
        return copy(said, description, Map.of("image", image));
    }

    private static Map<String, Object> source(Download d, String value) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("source", d.inline() ? "inline" : "url");
        if (!d.inline()) out.put("url", value);
        out.put("sha256", sha256(d.bytes()));
        out.put("bytes", d.bytes().length);
        return out;
    }

    private static Message copy(Message said, String content, Map<String, Object> metadata) {
        return new Message(said.role(), content, said.name(), said.id(), said.timestamp(), metadata);
    }

    private static String sniff(byte[] b) {
        if (b.length >= 8 && (b[0] & 0xff) == 0x89 && b[1] == 'P' && b[2] == 'N' && b[3] == 'G') return "image/png";
        if (b.length >= 3 && (b[0] & 0xff) == 0xff && (b[1] & 0xff) == 0xd8 && (b[2] & 0xff) == 0xff) return "image/jpeg";
        if (b.length >= 6 && b[0] == 'G' && b[1] == 'I' && b[2] == 'F' && b[3] == '8') return "image/gif";
        if (b.length >= 12 && b[0] == 'R' && b[1] == 'I' && b[2] == 'F' && b[3] == 'F' && b[8] == 'W' && b[9] == 'E' && b[10] == 'B' && b[11] == 'P') {
            return "image/webp";
        }
        return null;
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JVM", e);
        }
    }

    /**
     * The body as the add's event records it: inline content (data URLs and bare base64) replaced by a short note of
     * its size, so a megabyte of base64 is not copied into the event log. URLs are kept.
     */
    public static JsonNode redacted(JsonNode body) {
        if (body == null || !body.isObject() || !body.has("messages")) return body;
        ObjectNode copy = body.deepCopy();
        JsonNode messages = copy.get("messages");
        if (messages.isArray()) {
            for (JsonNode m : messages) redactMessage(m);
        } else {
            redactMessage(messages);
        }
        return copy;
    }

    private static void redactMessage(JsonNode m) {
        if (!m.isObject()) return;
        JsonNode content = m.get("content");
        if (content == null) return;
        if (content.isArray()) for (JsonNode part : (ArrayNode) content) redactPart(part);
        else redactPart(content);
    }

    private static void redactPart(JsonNode part) {
        if (!part.isObject()) return;
        for (String type : List.of("image_url", "mdx_url", "pdf_url")) {
            JsonNode holder = part.get(type);
            if (holder instanceof ObjectNode o && o.get("url") != null && o.get("url").isTextual() && !InlineData.isUrl(o.get("url").asText())) {
                o.put("url", "(inline content, " + o.get("url").asText().length() + " characters)");
            } else if (holder != null && holder.isTextual() && !InlineData.isUrl(holder.asText())) {
                ((ObjectNode) part).put(type, "(inline content, " + holder.asText().length() + " characters)");
            }
        }
    }
}
