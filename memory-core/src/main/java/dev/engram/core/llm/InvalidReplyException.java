package dev.engram.core.llm;

/**
 * A model reply that is not the JSON object a phase asked for. Its message is written for the model: it goes into the
 * corrective retry prompt, so it says what was wrong in plain words.
 */
final class InvalidReplyException extends Exception {

    InvalidReplyException(String message) {
        super(message, null, false, false);
    }
}
