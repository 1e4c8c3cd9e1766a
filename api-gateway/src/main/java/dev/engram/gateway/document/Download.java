package dev.engram.gateway.document;

import java.net.URI;

/**
 * The bytes of a document or image, downloaded or given inline.
 *
 * @param bytes     the content, at most {@code engram.documents.max-bytes}
 * @param mediaType the declared media type in lower case without parameters ({@code application/pdf}), or null when
 *                  none was declared (raw base64)
 * @param charset   the declared charset, or null
 * @param url       where it was downloaded from (the first URL, before any redirect), or null for inline content
 */
public record Download(byte[] bytes, String mediaType, String charset, URI url) {

    public boolean inline() {
        return url == null;
    }
}
