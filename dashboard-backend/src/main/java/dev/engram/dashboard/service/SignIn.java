package dev.engram.dashboard.service;

import dev.engram.dashboard.identity.ConsoleUser;

import java.util.List;

/**
 * The outcome of a person's authenticated request to {@code /me}: their organisations, whether this request signed them
 * up (created their organisation) and which invitations it accepted.
 */
public record SignIn(ConsoleUser caller, List<OrganisationView> organisations, boolean organisationCreated, int invitationsAccepted) {
}
