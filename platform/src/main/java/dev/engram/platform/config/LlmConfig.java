package dev.engram.platform.config;

import dev.engram.core.error.ConfigurationException;
import dev.engram.core.llm.LlmSettings;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * {@code engram.llm.*}: the optional LLM for extraction and reconciliation, read by every app that processes adds (the
 * gateway in standalone mode, the ingest workers). A nested group of each app's {@code @ConfigMapping}.
 *
 * <p>The top-level keys are the default LLM. {@code engram.llm.profiles.<name>.*} adds named profiles with the same
 * keys ({@link LlmProfileConfig}); a project's {@code llm_profile} setting picks one for its adds. Every app that
 * validates or processes adds (gateways and workers) must be given the same profiles.
 */
public interface LlmConfig extends LlmProfileConfig {

    /** What a profile name may look like: 1 to 64 letters, digits, {@code -} and {@code _}. */
    Pattern PROFILE_NAME = Pattern.compile("[A-Za-z0-9_-]{1,64}");

    /** Named LLM profiles, {@code engram.llm.profiles.<name>.*}; each must set its {@code model}. */
    Map<String, LlmProfileConfig> profiles();

    /** The settings of each named profile, in name order, checked: a bad name or a profile without a model fails the start. */
    default Map<String, LlmSettings> profileSettings() {
        Map<String, LlmSettings> out = new LinkedHashMap<>();
        profiles().entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e -> {
            if (!PROFILE_NAME.matcher(e.getKey()).matches()) {
                throw new ConfigurationException("engram.llm.profiles: '" + e.getKey() + "' is not a profile name (letters, digits, - and _, at most 64)");
            }
            out.put(e.getKey(), e.getValue().profileSettings(e.getKey()));
        });
        return out;
    }

    /**
     * The LLM a project with this {@code llm_profile} uses: that profile when it is configured, else the default one
     * (whose model may be unset: then its {@link #settings()} are empty).
     */
    default LlmProfileConfig forProfile(String profile) {
        return profile != null && profiles().containsKey(profile) ? profiles().get(profile) : this;
    }

    /** The settings of the default LLM, or empty when no model is set (the offline extractor is used). */
    @Override
    default Optional<LlmSettings> settings() {
        return LlmProfileConfig.super.settings();
    }
}
