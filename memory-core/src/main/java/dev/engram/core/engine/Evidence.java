package dev.engram.core.engine;

import dev.engram.core.domain.MemoryRecord;
import dev.engram.core.domain.MemoryState;
import dev.engram.core.domain.Message;
import dev.engram.core.domain.Scope;
import dev.engram.core.domain.Source;
import dev.engram.core.reconcile.ContentTokens;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Messages kept as evidence: one record per user or assistant message of an inferred add, so that what a message said
 * stays reachable by search whatever extraction drew from it. Its id is derived from the scope, the add's event and the
 * message's position, so a replayed event writes the same records and a fact finds the evidence it came from.
 */
public final class Evidence {

    private Evidence() {
    }

    /** The evidence id of message {@code index} of event {@code eventId} in {@code scope}. */
    public static UUID id(Scope scope, String eventId, int index) {
        String key = scope.tenant().key() + '\u0000' + scope.userId() + '\u0000'
                + scope.agentId() + '\u0000' + scope.runId() + '\u0000' + scope.appId() + '\u0000' + eventId + '\u0000' + index;
        return UUID.nameUUIDFromBytes(key.getBytes(StandardCharsets.UTF_8));
    }

    /** The evidence id of the message a source points to. */
    public static UUID id(Scope scope, Source source) {
        return id(scope, source.eventId(), source.messageIndex());
    }

    /**
     * True when the message deserves to be kept: said by the user or the assistant, and more than an acknowledgement.
     * "Noted.", "OK, thanks!" or "好的，谢谢" say nothing a search could want back, yet a short text embeds near
     * everything: kept, they outranked real matches (an assistant's "Noted." above the user's preference it answered).
     */
    static boolean worthKeeping(Message m) {
        if (!"user".equals(m.role()) && !"assistant".equals(m.role())) return false;
        return !Acknowledgement.isOnly(m.content());
    }

    static MemoryRecord record(Scope scope, String eventId, int index, Message m, int maxChars, Map<String, Object> metadata,
                               LocalDate expiration, Instant said, Instant now) {
        String text = m.content().strip();
        if (text.length() > maxChars) text = text.substring(0, maxChars);
        String speaker = m.name() != null ? m.name() : m.role();
        Instant at = m.timestamp() != null ? m.timestamp() : said;
        return new MemoryRecord(id(scope, eventId, index), scope, text, null, speaker, m.role(), metadata, List.of(), at, now, null,
                expiration, false, MemoryState.EVIDENCE, null, List.of(new Source(eventId, index, m.id(), speaker, m.role(), at)), null);
    }

    /**
     * The text whose vector represents a record in the index: a fact's whole text, an evidence message's head (its length
     * by the message's role). An evidence record that took another text's vector when it was added (a fact's, or for an
     * assistant message its question's: {@link RetrievalSettings#assistantFromUser()}) gets its own head's vector when it
     * is re-embedded alone (repair, reindex): the same model and space, a slightly different point.
     */
    public static String indexedText(MemoryRecord m, RetrievalSettings retrieval) {
        return m.state() == MemoryState.EVIDENCE ? embeddedText(m.text(), retrieval.embedChars(m.role())) : m.text();
    }

    /** The head of a message that is embedded: long messages are represented by their beginning. */
    static String embeddedText(String text, int chars) {
        return text.length() <= chars ? text : text.substring(0, cut(text, chars));
    }

    /**
     * The part of a long message returned as a result: the window of at most {@code chars} characters, starting at a
     * sentence or line start, that holds the most of the query's content words.
     */
    public static String excerpt(String text, String query, int chars) {
        if (text.length() <= chars) return text;
        Set<String> wanted = ContentTokens.of(query);
        int bestStart = 0;
        int bestScore = -1;
        for (int start = 0; start < text.length(); start = nextStart(text, start)) {
            int end = start + cut(text.substring(start), chars);
            int score = 0;
            Set<String> seen = ContentTokens.of(text.substring(start, end));
            for (String w : wanted) if (seen.contains(w)) score++;
            if (score > bestScore) {
                bestScore = score;
                bestStart = start;
            }
            if (end >= text.length()) break;
        }
        int end = bestStart + cut(text.substring(bestStart), chars);
        String window = text.substring(bestStart, end).strip();
        return (bestStart > 0 ? "…" : "") + window + (end < text.length() ? "…" : "");
    }

    /** The start of the next sentence or line after {@code from}, or the text's length. */
    private static int nextStart(String text, int from) {
        for (int i = from + 1; i < text.length() - 1; i++) {
            char c = text.charAt(i);
            if (c == '\n' || ((c == '.' || c == '?' || c == '!' || c == '。' || c == '？' || c == '！')
                    && Character.isWhitespace(text.charAt(i + 1)))) {
                int j = i + 1;
                while (j < text.length() && Character.isWhitespace(text.charAt(j))) j++;
                if (j > from) return j;
            }
        }
        return text.length();
    }

    /** A cut at or before {@code chars} that does not split a word when a space is near, nor a surrogate pair. */
    private static int cut(String text, int chars) {
        if (text.length() <= chars) return text.length();
        int at = chars;
        int space = text.lastIndexOf(' ', at);
        if (space > chars * 3 / 4) at = space;
        if (Character.isLowSurrogate(text.charAt(at)) && at > 0) at--;
        return at;
    }
}
