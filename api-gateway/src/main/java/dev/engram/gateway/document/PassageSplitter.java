package dev.engram.gateway.document;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Splits a page's text into passages of at most {@code maxChars} characters: a Markdown heading starts a new passage,
 * paragraphs (blank-line separated) are packed together while they fit, a paragraph too long for one passage is cut
 * between sentences, and a sentence too long is cut at a space (or, without one, at the limit).
 */
public final class PassageSplitter {

    private static final Pattern PARAGRAPHS = Pattern.compile("\\n\\s*\\n");
    private static final Pattern HEADING = Pattern.compile("#{1,6}\\s");
    private static final Pattern SENTENCE_END = Pattern.compile("(?<=[.!?。！？])\\s+");

    private final int maxChars;

    public PassageSplitter(int maxChars) {
        if (maxChars < 100) throw new IllegalArgumentException("passages need at least 100 characters: " + maxChars);
        this.maxChars = maxChars;
    }

    public List<String> split(String text) {
        List<String> out = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String block : blocks(text)) {
            if (HEADING.matcher(block).lookingAt() || current.length() + 2 + block.length() > maxChars) flush(current, out);
            if (block.length() <= maxChars) {
                if (!current.isEmpty()) current.append("\n\n");
                current.append(block);
            } else {
                for (String piece : pieces(block)) {
                    if (current.length() + 1 + piece.length() > maxChars) flush(current, out);
                    if (!current.isEmpty()) current.append(' ');
                    current.append(piece);
                }
            }
        }
        flush(current, out);
        return out;
    }

    /** Paragraphs, with each Markdown heading line as its own block (it then leads the passage that follows it). */
    private static List<String> blocks(String text) {
        List<String> out = new ArrayList<>();
        for (String paragraph : PARAGRAPHS.split(text.replace("\r\n", "\n"))) {
            StringBuilder body = new StringBuilder();
            for (String line : paragraph.split("\n")) {
                if (HEADING.matcher(line.strip()).lookingAt()) {
                    if (!body.toString().isBlank()) out.add(body.toString().strip());
                    body.setLength(0);
                    out.add(line.strip());
                } else {
                    body.append(line).append('\n');
                }
            }
            if (!body.toString().isBlank()) out.add(body.toString().strip());
        }
        // A heading keeps the paragraph under it: merge "# Title" with its next block when they fit.
        List<String> merged = new ArrayList<>();
        for (String block : out) {
            int last = merged.size() - 1;
            if (last >= 0 && isHeadingOnly(merged.get(last)) && !HEADING.matcher(block).lookingAt()) {
                merged.set(last, merged.get(last) + "\n" + block);
            } else {
                merged.add(block);
            }
        }
        return merged;
    }

    private static boolean isHeadingOnly(String block) {
        return HEADING.matcher(block).lookingAt() && block.indexOf('\n') < 0;
    }

    /** A long paragraph as sentences, each at most {@code maxChars}. */
    private List<String> pieces(String block) {
        List<String> out = new ArrayList<>();
        for (String sentence : SENTENCE_END.split(block)) {
            String s = sentence;
            while (s.length() > maxChars) {
                int cut = s.lastIndexOf(' ', maxChars);
                if (cut < maxChars / 2) cut = maxChars;
                out.add(s.substring(0, cut).strip());
                s = s.substring(cut).strip();
            }
            if (!s.isEmpty()) out.add(s);
        }
        return out;
    }

    private static void flush(StringBuilder current, List<String> out) {
        if (!current.toString().isBlank()) out.add(current.toString().strip());
        current.setLength(0);
    }
}
