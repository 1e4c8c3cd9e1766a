package dev.engram.dashboard.security;

import dev.engram.dashboard.identity.Role;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The least role a resource method needs in the organisation named by its {@value #ORG_PARAM} path parameter.
 * {@link AccessFilter} enforces it before the method runs and exposes the caller's membership as {@link CurrentAccess}.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface OrgAccess {

    String ORG_PARAM = "org_id";

    Role value();
}
