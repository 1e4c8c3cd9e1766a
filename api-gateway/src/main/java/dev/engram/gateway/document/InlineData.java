package dev.engram.gateway.document;

import dev.engram.core.error.TooLargeException;
import dev.engram.core.error.ValidationException;

import java.util.Base64;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Content given inside the request instead of by URL, as Mem0's clients send it: a data URL
 * ({@code data:application/pdf;base64,JVBER…}) or a bare base64 string (what Mem0's examples put in
 * {@code mdx_url.url} for a local file). Its size is checked before it is decoded.
 */
final class InlineData {

    private static final Pattern WHITESPACE = Pattern.compile("\\s+");

    private InlineData() {
    }

    /** True when {@code value} names content by URL ({@code scheme://…}) rather than carrying it. */
    static boolean isUrl(String value) {
        int colon = value.indexOf("://");
        return colon > 0 && colon < 16 && value.substring(0, colon).chars().allMatch(c -> Character.isLetterOrDigit(c) || c == '+' || c == '-' || c == '.');
    }

    static boolean isDataUrl(String value) {
        return value.regionMatches(true, 0, "data:", 0, 5);
    }

    /** The decoded content of a data URL or bare base64, at most {@code maxBytes}. */
    static Download decode(String value, String field, int maxBytes) {
        String mediaType = null;
        String charset = null;
        String data = value;
        if (isDataUrl(value)) {
            int comma = value.indexOf(',');
            if (comma < 0) throw new ValidationException(field + " is a data URL without data");
            String header = value.substring(5, comma);
            if (!header.toLowerCase(Locale.ROOT).endsWith(";base64")) {
                throw new ValidationException(field + " is a data URL that is not base64 (data:<type>;base64,<data>)");
            }
            String type = header.substring(0, header.length() - ";base64".length());
            mediaType = MediaTypes.essence(type);
            charset = MediaTypes.charset(type);
            data = value.substring(comma + 1);
        }
        data = WHITESPACE.matcher(data).replaceAll("");
        if ((long) data.length() / 4 * 3 > maxBytes + 2L) {
            throw new TooLargeException(field + " is larger than " + maxBytes + " bytes (engram.documents.max-bytes)");
        }
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(data);
        } catch (IllegalArgumentException e) {
            throw new ValidationException(field + " is neither an http(s) URL nor valid base64 content");
        }
        if (bytes.length > maxBytes) throw new TooLargeException(field + " is larger than " + maxBytes + " bytes (engram.documents.max-bytes)");
        if (bytes.length == 0) throw new ValidationException(field + " is empty");
        return new Download(bytes, mediaType, charset, null);
    }
}
