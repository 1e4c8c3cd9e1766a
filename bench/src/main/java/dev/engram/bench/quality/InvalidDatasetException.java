package dev.engram.bench.quality;

import java.util.List;

/** The quality dataset breaks its schema; the message lists every problem found, one per line. */
public class InvalidDatasetException extends RuntimeException {

    private final List<String> problems;

    public InvalidDatasetException(List<String> problems) {
        super("The quality dataset is invalid (" + problems.size() + " problem(s)):\n  " + String.join("\n  ", problems));
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }
}
