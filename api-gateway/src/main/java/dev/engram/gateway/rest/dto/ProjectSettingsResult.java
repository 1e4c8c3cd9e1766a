package dev.engram.gateway.rest.dto;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A project's settings: all of them, or the ones named by {@code ?fields=}. */
@Schema(oneOf = {ProjectSettingsView.class, ProjectedSettings.class})
public sealed interface ProjectSettingsResult permits ProjectSettingsView, ProjectedSettings {
}
