package dev.engram.core.extract.offline;

/**
 * One candidate statement cut out of a message.
 *
 * @param text     the statement without its closing punctuation
 * @param question whether it ended with a question mark ({@code ?} or {@code ？})
 */
record Sentence(String text, boolean question) {
}
