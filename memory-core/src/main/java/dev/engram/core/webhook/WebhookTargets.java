package dev.engram.core.webhook;

import dev.engram.core.error.ValidationException;
import dev.engram.core.net.PublicAddresses;

import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.Locale;

/**
 * Which URLs a webhook may target (server-side request forgery): {@code http} or {@code https} with a host, no user
 * info, and, unless private targets are allowed, a host whose every address is public: not loopback, private
 * (10/8, 172.16/12, 192.168/16, fc00::/7), link-local (169.254/16 with the cloud metadata address, fe80::/10), CGNAT
 * (100.64/10), multicast or unspecified. Checked when a webhook is saved and again before each attempt (the name may
 * resolve elsewhere by then).
 */
public final class WebhookTargets {

    /** The longest URL accepted. */
    public static final int MAX_URL_LENGTH = 2048;

    private final boolean allowPrivate;

    public WebhookTargets(boolean allowPrivate) {
        this.allowPrivate = allowPrivate;
    }

    /** The URL, checked; a {@link ValidationException} says what is wrong with it. */
    public URI check(String url) {
        if (url == null || url.isBlank()) throw new ValidationException("url is required");
        if (url.length() > MAX_URL_LENGTH) throw new ValidationException("url is longer than " + MAX_URL_LENGTH + " characters");
        URI uri;
        try {
            uri = new URI(url.strip());
        } catch (URISyntaxException e) {
            throw new ValidationException("url is not a valid URL");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) throw new ValidationException("url must be an http or https URL");
        if (uri.getHost() == null || uri.getHost().isBlank()) throw new ValidationException("url must name a host");
        if (uri.getRawUserInfo() != null) throw new ValidationException("url must not carry user information");
        if (!allowPrivate) {
            InetAddress[] addresses;
            try {
                addresses = InetAddress.getAllByName(uri.getHost());
            } catch (UnknownHostException e) {
                throw new ValidationException("url's host " + uri.getHost() + " does not resolve");
            }
            for (InetAddress a : addresses) {
                if (!isPublic(a)) {
                    throw new ValidationException("url's host " + uri.getHost() + " is a loopback, private or link-local address; "
                            + "webhooks may only target public addresses (engram.webhooks.allow-private-targets)");
                }
            }
        }
        return uri;
    }

    /** True for an address a webhook may reach without {@code allow-private-targets} ({@link PublicAddresses}: one rule for every outbound fetch). */
    public static boolean isPublic(InetAddress a) {
        return PublicAddresses.isPublic(a);
    }
}
