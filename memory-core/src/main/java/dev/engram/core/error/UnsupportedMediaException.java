package dev.engram.core.error;

/** Content of a type this server does not take, or cannot take as configured (a 415 at the edge). */
public class UnsupportedMediaException extends ValidationException {
    public UnsupportedMediaException(String message) {
        super(message);
    }
}
