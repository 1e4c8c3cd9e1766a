package dev.engram.gateway.document;

import dev.engram.core.error.TooLargeException;
import dev.engram.core.error.UnreadableContentException;
import dev.engram.core.error.UnsupportedMediaException;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.encryption.InvalidPasswordException;
import org.apache.pdfbox.text.PDFTextStripper;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.StandardCharsets;
import java.nio.charset.UnsupportedCharsetException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The text of a document: a PDF page by page (Apache PDFBox), or a text or Markdown file as it is (Markdown keeps its
 * syntax: headings and lists read well as text, and the passages are split at its headings). Bounded by
 * {@code max-pages} and {@code max-chars} (413); a file that is not what it claims to be is a 415, a damaged or
 * password-protected PDF a 422.
 */
public final class DocumentReader {

    /** Media types a downloaded PDF may be declared as (servers often say octet-stream); its bytes must still start with {@code %PDF-}. */
    private static final Set<String> PDF_TYPES = Set.of("application/pdf", "application/x-pdf", "application/octet-stream", "binary/octet-stream");
    /** Non-{@code text/*} types a text document may be declared as. */
    private static final Set<String> TEXT_TYPES = Set.of("application/markdown", "application/x-markdown", "application/mdx",
            "application/octet-stream", "binary/octet-stream");

    private final int maxPages;
    private final int maxChars;

    public DocumentReader(int maxPages, int maxChars) {
        this.maxPages = maxPages;
        this.maxChars = maxChars;
    }

    /** The pages of a PDF, numbered from 1; blank pages are left out. */
    public List<DocumentPage> pdf(Download d, String field) {
        if (d.mediaType() != null && !PDF_TYPES.contains(d.mediaType())) {
            throw new UnsupportedMediaException(field + " is " + d.mediaType() + ", not a PDF (application/pdf)");
        }
        if (!startsWith(d.bytes(), "%PDF-")) throw new UnsupportedMediaException(field + " is not a PDF: its content does not start with %PDF-");
        try (PDDocument pdf = Loader.loadPDF(d.bytes())) {
            int pages = pdf.getNumberOfPages();
            if (pages > maxPages) {
                throw new TooLargeException(field + " has " + pages + " pages; at most " + maxPages + " are read (engram.documents.max-pages)");
            }
            PDFTextStripper stripper = new PDFTextStripper();
            stripper.setSortByPosition(true);
            List<DocumentPage> out = new ArrayList<>();
            int chars = 0;
            for (int p = 1; p <= pages; p++) {
                stripper.setStartPage(p);
                stripper.setEndPage(p);
                String text = stripper.getText(pdf).strip();
                chars += text.length();
                if (chars > maxChars) throw tooLong(field);
                if (!text.isEmpty()) out.add(new DocumentPage(p, text));
            }
            if (out.isEmpty()) throw new UnreadableContentException(field + " is a PDF without text (a scanned PDF needs text recognition first)");
            return out;
        } catch (InvalidPasswordException e) {
            throw new UnreadableContentException(field + " is a password-protected PDF");
        } catch (IOException e) {
            throw new UnreadableContentException(field + " is not a readable PDF: " + e.getMessage());
        }
    }

    /** A text or Markdown document as one page (number 0), decoded by its declared charset or else as UTF-8. */
    public DocumentPage text(Download d, String field) {
        String type = d.mediaType();
        if (type != null && !type.startsWith("text/") && !TEXT_TYPES.contains(type)) {
            throw new UnsupportedMediaException(field + " is " + type + "; mdx_url takes text or Markdown (a PDF goes in pdf_url)");
        }
        if (type != null && (type.equals("text/html") || type.equals("text/xml"))) {
            throw new UnsupportedMediaException(field + " is " + type + ", a web page rather than a text or Markdown document");
        }
        if (startsWith(d.bytes(), "%PDF-")) throw new UnsupportedMediaException(field + " is a PDF; send it as pdf_url");
        String text = decode(d, field);
        if (text.indexOf('\0') >= 0) throw new UnsupportedMediaException(field + " is binary, not text");
        if (text.startsWith("\uFEFF")) text = text.substring(1);
        text = text.replace("\r\n", "\n").strip();
        if (text.length() > maxChars) throw tooLong(field);
        if (text.isEmpty()) throw new UnreadableContentException(field + " holds no text");
        return new DocumentPage(0, text);
    }

    private static String decode(Download d, String field) {
        Charset charset = StandardCharsets.UTF_8;
        if (d.charset() != null) {
            try {
                charset = Charset.forName(d.charset());
            } catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
                throw new UnsupportedMediaException(field + " is in the unknown charset " + d.charset());
            }
        }
        try {
            return charset.newDecoder().onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(d.bytes())).toString();
        } catch (CharacterCodingException e) {
            throw new UnsupportedMediaException(field + " is not " + charset.name() + " text");
        }
    }

    private TooLargeException tooLong(String field) {
        return new TooLargeException(field + " holds more than " + maxChars + " characters of text (engram.documents.max-chars)");
    }

    private static boolean startsWith(byte[] bytes, String prefix) {
        if (bytes.length < prefix.length()) return false;
        for (int i = 0; i < prefix.length(); i++) if (bytes[i] != prefix.charAt(i)) return false;
        return true;
    }
}
