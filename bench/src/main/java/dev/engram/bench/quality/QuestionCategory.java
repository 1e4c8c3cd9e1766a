package dev.engram.bench.quality;

import java.util.Arrays;
import java.util.Optional;

/** What a question tests. */
public enum QuestionCategory {
    SINGLE_HOP("single-hop"),
    MULTI_HOP("multi-hop"),
    TEMPORAL("temporal"),
    UPDATE("update"),
    PREFERENCE("preference");

    private final String label;

    QuestionCategory(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    public static Optional<QuestionCategory> fromLabel(String label) {
        return Arrays.stream(values()).filter(c -> c.label.equals(label)).findFirst();
    }
}
