package dev.engram.dashboard.service;

import dev.engram.dashboard.identity.Role;
import dev.engram.dashboard.store.Organisation;

/** An organisation as one member sees it: with their role in it. */
public record OrganisationView(Organisation organisation, Role role) {
}
