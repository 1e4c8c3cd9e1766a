package dev.engram.bench.longmemeval;

import dev.engram.bench.longmemeval.LongMemEvalDataset.Session;

import java.time.Instant;
import java.util.List;

/** A system under test: loads one question's haystack into a fresh index, then answers the question's search. */
public interface Retriever {

    /** The name in the report (an engine variant, {@code bm25}, {@code dense}). */
    String name();

    /** One sentence for the report: what this system is. */
    String description();

    /** A fresh index holding {@code haystack} (sessions in date order); the caller closes it. */
    Index load(String questionId, List<Session> haystack);

    interface Index extends AutoCloseable {

        /** The {@code k} best results, best first; {@code referenceTime} is the question's date. */
        List<Retrieved> search(String query, Instant referenceTime, int k);

        @Override
        void close();
    }

    /** One result: the text handed to the caller and the message ids ({@code <session>#<turn>}) it came from. */
    record Retrieved(String text, List<String> messageIds) {
        public Retrieved {
            messageIds = List.copyOf(messageIds);
        }
    }
}
