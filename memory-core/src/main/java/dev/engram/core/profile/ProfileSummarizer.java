package dev.engram.core.profile;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Writes a short summary paragraph of a user from their grouped facts (an LLM); empty when it could not. */
@FunctionalInterface
public interface ProfileSummarizer {

    /**
     * @param facts        the profile's facts by category, newest first
     * @param instructions the project's custom instructions for user profiles, or null
     * @return the summary, or empty when the model failed or answered badly (the offline profile stands alone then)
     */
    Optional<String> summarize(Map<String, List<String>> facts, String instructions);
}
