package dev.engram.gateway.document;

/**
 * The text of one page of a document.
 *
 * @param number the page number from 1 (PDF); 0 for a document without pages (text, Markdown)
 */
public record DocumentPage(int number, String text) {
}
