package dev.engram.gateway.document;

import dev.engram.core.error.TooLargeException;
import dev.engram.core.error.UnreadableContentException;
import dev.engram.core.error.UnsupportedMediaException;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Reading PDFs (made here by PDFBox) page by page and text/Markdown documents, with their limits and refusals. */
class DocumentReaderTest {

    private final DocumentReader reader = new DocumentReader(5, 10_000);

    private static Download pdf(byte[] bytes) {
        return new Download(bytes, "application/pdf", null, null);
    }

    @Test
    void aPdfIsReadPageByPageWithBlankPagesLeftOut() {
        byte[] bytes = TestPdfs.pages(List.of(List.of("Lisbon trip, March 3."), List.of(), List.of("The hotel is in Alfama.", "Breakfast at eight.")));

        List<DocumentPage> pages = reader.pdf(pdf(bytes), "f");

        assertThat(pages).extracting(DocumentPage::number).containsExactly(1, 3);
        assertThat(pages.get(0).text()).isEqualTo("Lisbon trip, March 3.");
        assertThat(pages.get(1).text()).contains("The hotel is in Alfama.").contains("Breakfast at eight.");
    }

    @Test
    void aPdfDeclaredAsOctetStreamIsReadByItsContent() {
        byte[] bytes = TestPdfs.pages(List.of(List.of("One page.")));
        assertThat(reader.pdf(new Download(bytes, "application/octet-stream", null, null), "f")).hasSize(1);
        assertThat(reader.pdf(new Download(bytes, null, null, null), "f")).hasSize(1);
    }

    @Test
    void tooManyPagesIs413() {
        byte[] bytes = TestPdfs.pages(List.of(List.of("1"), List.of("2"), List.of("3"), List.of("4"), List.of("5"), List.of("6")));
        assertThatThrownBy(() -> reader.pdf(pdf(bytes), "messages[0].content.pdf_url.url"))
                .isInstanceOf(TooLargeException.class).hasMessageContaining("6 pages").hasMessageContaining("max-pages");
    }

    @Test
    void tooMuchTextIs413() {
        DocumentReader small = new DocumentReader(5, 30);
        byte[] bytes = TestPdfs.pages(List.of(List.of("twenty characters ok"), List.of("and twenty more here")));
        assertThatThrownBy(() -> small.pdf(pdf(bytes), "f")).isInstanceOf(TooLargeException.class).hasMessageContaining("max-chars");
        assertThatThrownBy(() -> small.text(new Download("x".repeat(31).getBytes(StandardCharsets.UTF_8), "text/plain", null, null), "f"))
                .isInstanceOf(TooLargeException.class);
    }

    @Test
    void aDamagedPdfIs422AndANonPdfIs415() {
        byte[] bytes = TestPdfs.pages(List.of(List.of("Some text.")));
        byte[] damaged = Arrays.copyOf(bytes, 40); // the header survives, the rest is gone
        assertThatThrownBy(() -> reader.pdf(pdf(damaged), "f")).isInstanceOf(UnreadableContentException.class).hasMessageContaining("not a readable PDF");
        assertThatThrownBy(() -> reader.pdf(pdf("hello".getBytes(StandardCharsets.UTF_8)), "f"))
                .isInstanceOf(UnsupportedMediaException.class).hasMessageContaining("%PDF-");
        assertThatThrownBy(() -> reader.pdf(new Download(bytes, "text/html", null, null), "f"))
                .isInstanceOf(UnsupportedMediaException.class).hasMessageContaining("text/html");
    }

    @Test
    void aPdfWithoutTextIs422() {
        byte[] bytes = TestPdfs.pages(List.of(List.of()));
        assertThatThrownBy(() -> reader.pdf(pdf(bytes), "f")).isInstanceOf(UnreadableContentException.class).hasMessageContaining("without text");
    }

    @Test
    void textAndMarkdownAreKeptAsTheyAre() {
        String md = "\uFEFF# Plans\r\n\r\nI am moving to *Porto* in May.\r\n";
        DocumentPage page = reader.text(new Download(md.getBytes(StandardCharsets.UTF_8), "text/markdown", null, null), "f");
        assertThat(page.number()).isZero();
        assertThat(page.text()).isEqualTo("# Plans\n\nI am moving to *Porto* in May.");
        String latin = "caf\u00e9";
        assertThat(reader.text(new Download(latin.getBytes(StandardCharsets.ISO_8859_1), "text/plain", "ISO-8859-1", null), "f").text())
                .isEqualTo(latin);
    }

    @Test
    void aWebPageBinaryOrMisdeclaredTextIsRefused() {
        byte[] text = "hello".getBytes(StandardCharsets.UTF_8);
        assertThatThrownBy(() -> reader.text(new Download(text, "text/html", null, null), "f")).isInstanceOf(UnsupportedMediaException.class);
        assertThatThrownBy(() -> reader.text(new Download(text, "image/png", null, null), "f")).isInstanceOf(UnsupportedMediaException.class);
        assertThatThrownBy(() -> reader.text(new Download(new byte[]{'a', 0, 'b'}, null, null, null), "f")).isInstanceOf(UnsupportedMediaException.class);
        assertThatThrownBy(() -> reader.text(new Download(new byte[]{(byte) 0xff, (byte) 0xfe, 'a'}, null, null, null), "f"))
                .isInstanceOf(UnsupportedMediaException.class).hasMessageContaining("UTF-8");
        byte[] pdf = TestPdfs.pages(List.of(List.of("x")));
        assertThatThrownBy(() -> reader.text(new Download(pdf, null, null, null), "f")).hasMessageContaining("pdf_url");
    }
}
