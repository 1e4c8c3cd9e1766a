package dev.engram.core.error;

/**
 * The configuration or the persisted state cannot work together, e.g. an index built with another embedding dimension.
 * Raised at start-up with a message that says what to do.
 */
public class ConfigurationException extends EngramException {
    public ConfigurationException(String message) {
        super(message);
    }

    public ConfigurationException(String message, Throwable cause) {
        super(message, cause);
    }
}
