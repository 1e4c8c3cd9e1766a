package dev.engram.gateway.security;

import dev.engram.core.tenant.KeyScope;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** The scope a resource method needs; {@link AuthenticationFilter} enforces it. Every resource method carries one. */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.TYPE})
public @interface RequiresScope {
    KeyScope value();
}
