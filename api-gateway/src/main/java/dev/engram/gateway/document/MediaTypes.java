package dev.engram.gateway.document;

import java.util.Locale;

/** The parts of a {@code Content-Type} value the document reader looks at. */
final class MediaTypes {

    private MediaTypes() {
    }

    /** {@code type/subtype} in lower case, without parameters; null for null or blank. */
    static String essence(String contentType) {
        if (contentType == null || contentType.isBlank()) return null;
        int semi = contentType.indexOf(';');
        String essence = (semi < 0 ? contentType : contentType.substring(0, semi)).strip().toLowerCase(Locale.ROOT);
        return essence.isEmpty() ? null : essence;
    }

    /** The {@code charset} parameter, or null. */
    static String charset(String contentType) {
        if (contentType == null) return null;
        for (String part : contentType.split(";")) {
            String p = part.strip();
            if (p.regionMatches(true, 0, "charset=", 0, 8)) return p.substring(8).replace("\"", "").strip();
        }
        return null;
    }
}
