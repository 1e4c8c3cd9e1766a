package dev.engram.dashboard.security;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A resource method open to every signed-in person, outside any organisation ({@code /me}, the list of one's own
 * organisations, creating an organisation). {@link AccessFilter} refuses methods that carry neither this nor
 * {@link OrgAccess}, so no route is open by mistake.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface SignedIn {
}
