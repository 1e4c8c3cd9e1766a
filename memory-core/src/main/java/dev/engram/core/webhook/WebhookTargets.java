package dev.engram.core.webhook;

import dev.engram.core.error.ValidationException;

import java.net.Inet6Address;
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

    /** True for an address a webhook may reach without {@code allow-private-targets}. */
    public static boolean isPublic(InetAddress a) {
        if (a.isLoopbackAddress() || a.isAnyLocalAddress() || a.isLinkLocalAddress() || a.isSiteLocalAddress() || a.isMulticastAddress()) {
            return false;
        }
        byte[] b = a.getAddress();
        if (a instanceof Inet6Address) {
            if ((b[0] & 0xfe) == 0xfc) return false; // fc00::/7 unique local
            boolean mappedV4 = true;
            for (int i = 0; i < 10; i++) mappedV4 &= b[i] == 0;
            mappedV4 &= (b[10] & 0xff) == 0xff && (b[11] & 0xff) == 0xff;
            if (mappedV4) {
                try {
                    return isPublic(InetAddress.getByAddress(new byte[]{b[12], b[13], b[14], b[15]}));
                } catch (UnknownHostException e) {
                    return false;
                }
            }
            return true;
        }
        int first = b[0] & 0xff, second = b[1] & 0xff;
        if (first == 0) return false;
        if (first == 100 && second >= 64 && second <= 127) return false; // 100.64/10 carrier-grade NAT
        if (first == 192 && second == 0 && (b[2] & 0xff) == 0) return false; // 192.0.0/24 protocol assignments
        return first < 240; // 240/4 reserved, broadcast
    }
}
