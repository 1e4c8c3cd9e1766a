package dev.engram.gateway.document;

import dev.engram.core.error.TooLargeException;
import dev.engram.core.error.UnreadableContentException;
import dev.engram.core.error.ValidationException;
import dev.engram.core.net.PublicAddresses;
import dev.engram.gateway.config.EngramConfig;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.apache.hc.client5.http.classic.methods.HttpGet;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpEntity;
import org.apache.hc.core5.util.Timeout;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Locale;
import java.util.function.Predicate;

/**
 * Downloads the document or image an add message names by URL, against server-side request forgery and oversized
 * answers: only {@code http} and {@code https} URLs with a host and no user information; every address the host
 * resolves to must be public unless {@code engram.documents.allow-private-urls} ({@link GuardedDnsResolver}, which
 * also pins the connection to the checked addresses); redirects are followed by hand, at most
 * {@code max-redirects}, each hop checked again; connect and read timeouts and an overall deadline; the size is
 * checked against {@code max-bytes} from {@code Content-Length} and again while the body streams, which is cut off at
 * the first byte over. Every refusal is a 4xx: 400 for a refused URL, 413 too large, 422 for a URL that did not
 * answer with the document.
 */
@ApplicationScoped
public class DocumentFetcher {

    private static final int MAX_URL_LENGTH = 2048;

    private final CloseableHttpClient client;
    private final int maxBytes;
    private final int maxRedirects;
    private final Duration deadline;
    private final boolean allowPrivate;

    @Inject
    DocumentFetcher(EngramConfig config) {
        this(config.documents());
    }

    DocumentFetcher(EngramConfig.Documents documents) {
        this(documents, documents.allowPrivateUrls() ? a -> true : PublicAddresses::isPublic);
    }

    /** @param allowed the addresses a download may connect to (tests narrow it to tell two loopback addresses apart) */
    DocumentFetcher(EngramConfig.Documents documents, Predicate<InetAddress> allowed) {
        this.maxBytes = documents.maxBytes();
        this.maxRedirects = documents.maxRedirects();
        this.allowPrivate = documents.allowPrivateUrls();
        Timeout timeout = Timeout.of(documents.fetchTimeout());
        this.deadline = documents.fetchTimeout().multipliedBy(3);
        this.client = HttpClients.custom()
                .setConnectionManager(PoolingHttpClientConnectionManagerBuilder.create()
                        .setDnsResolver(new GuardedDnsResolver(allowed))
                        .setDefaultConnectionConfig(ConnectionConfig.custom().setConnectTimeout(timeout).setSocketTimeout(timeout).build())
                        .build())
                .setDefaultRequestConfig(RequestConfig.custom().setResponseTimeout(timeout).build())
                .disableRedirectHandling()
                .disableAutomaticRetries()
                .disableCookieManagement()
                .disableAuthCaching()
                .setUserAgent("Engram document reader")
                .build();
    }

    /**
     * The content at {@code url}.
     *
     * @param field the request field that named the URL, for messages ({@code messages[0].content.pdf_url.url})
     * @param accept the {@code Accept} header sent
     */
    public Download fetch(String url, String field, String accept) {
        URI first = checked(url, field);
        URI current = first;
        long until = System.nanoTime() + deadline.toNanos();
        for (int hop = 0; ; hop++) {
            HttpGet get = new HttpGet(current);
            get.setHeader("Accept", accept);
            try (ClassicHttpResponse response = client.executeOpen(null, get, null)) {
                int status = response.getCode();
                if (status >= 300 && status < 400 && response.getFirstHeader("Location") != null) {
                    get.cancel();
                    if (hop >= maxRedirects) throw new UnreadableContentException(field + " redirects more than " + maxRedirects + " times");
                    current = checked(resolve(current, response.getFirstHeader("Location").getValue(), field), field);
                    continue;
                }
                if (status < 200 || status >= 300) {
                    get.cancel();
                    throw new UnreadableContentException(field + " answered HTTP " + status + " instead of the document");
                }
                HttpEntity entity = response.getEntity();
                if (entity == null) throw new UnreadableContentException(field + " answered without content");
                if (entity.getContentLength() > maxBytes) {
                    get.cancel();
                    throw tooLarge(field);
                }
                byte[] bytes = read(entity, get, field, until);
                Header type = response.getFirstHeader("Content-Type");
                return new Download(bytes, MediaTypes.essence(type == null ? null : type.getValue()),
                        MediaTypes.charset(type == null ? null : type.getValue()), first);
            } catch (GuardedDnsResolver.RefusedAddressException e) {
                throw new ValidationException(field + "'s host " + e.getMessage() + " is a loopback, private or link-local address; "
                        + "documents may only be fetched from public addresses (engram.documents.allow-private-urls)");
            } catch (UnknownHostException e) {
                throw new ValidationException(field + "'s host " + current.getHost() + " does not resolve");
            } catch (SocketTimeoutException e) {
                throw new UnreadableContentException(field + " did not answer in time");
            } catch (IOException e) {
                throw new UnreadableContentException(field + " could not be downloaded: " + e.getClass().getSimpleName()
                        + (e.getMessage() == null ? "" : " (" + e.getMessage() + ")"));
            }
        }
    }

    /** The body, counted as it streams: the download stops at the first byte past {@code max-bytes} or at the deadline. */
    private byte[] read(HttpEntity entity, HttpGet get, String field, long until) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[16 * 1024];
        try (InputStream in = entity.getContent()) {
            int n;
            while ((n = in.read(buffer)) != -1) {
                if (out.size() + n > maxBytes) {
                    get.cancel();
                    throw tooLarge(field);
                }
                out.write(buffer, 0, n);
                if (System.nanoTime() > until) {
                    get.cancel();
                    throw new UnreadableContentException(field + " took longer than " + deadline.toSeconds() + " s to download");
                }
            }
        }
        return out.toByteArray();
    }

    private TooLargeException tooLarge(String field) {
        return new TooLargeException(field + " is larger than " + maxBytes + " bytes (engram.documents.max-bytes)");
    }

    /** The URL if it may be fetched: http or https, a host, no user information (addresses are checked when resolved). */
    static URI checked(String url, String field) {
        if (url == null || url.isBlank()) throw new ValidationException(field + " is required");
        if (url.length() > MAX_URL_LENGTH) throw new ValidationException(field + " is longer than " + MAX_URL_LENGTH + " characters");
        URI uri;
        try {
            uri = new URI(url.strip());
        } catch (URISyntaxException e) {
            throw new ValidationException(field + " is not a valid URL");
        }
        return checked(uri, field);
    }

    private static URI checked(URI uri, String field) {
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) throw new ValidationException(field + " must be an http or https URL");
        if (uri.getHost() == null || uri.getHost().isBlank()) throw new ValidationException(field + " must name a host");
        if (uri.getRawUserInfo() != null) throw new ValidationException(field + " must not carry user information");
        return uri;
    }

    private static URI resolve(URI base, String location, String field) {
        try {
            return base.resolve(new URI(location.strip()));
        } catch (URISyntaxException | IllegalArgumentException e) {
            throw new UnreadableContentException(field + " redirects to an invalid URL");
        }
    }

    /** True when private addresses may be fetched ({@code engram.documents.allow-private-urls}). */
    public boolean allowsPrivate() {
        return allowPrivate;
    }

    @PreDestroy
    void close() {
        try {
            client.close();
        } catch (IOException ignored) {
            // nothing left to release
        }
    }
}
