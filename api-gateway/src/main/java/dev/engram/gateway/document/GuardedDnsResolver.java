package dev.engram.gateway.document;

import dev.engram.core.net.PublicAddresses;
import org.apache.hc.client5.http.DnsResolver;
import org.apache.hc.client5.http.SystemDefaultDnsResolver;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.function.Predicate;

/**
 * The name resolution of every document download: a host's addresses are looked up once, each is checked by
 * {@link PublicAddresses} (unless private addresses are allowed), and the connection is made to exactly those checked
 * addresses. No second lookup happens between the check and the connection, so a name that answers a public address
 * to the check and a private one afterwards (DNS rebinding) cannot slip through; every redirect hop resolves here too.
 */
final class GuardedDnsResolver implements DnsResolver {

    /** A host that resolves to an address the server may not reach. */
    static final class RefusedAddressException extends UnknownHostException {
        RefusedAddressException(String host) {
            super(host);
        }
    }

    private final Predicate<InetAddress> allowed;

    /** @param allowed which addresses may be connected to: {@link PublicAddresses#isPublic}, or every one */
    GuardedDnsResolver(Predicate<InetAddress> allowed) {
        this.allowed = allowed;
    }

    @Override
    public InetAddress[] resolve(String host) throws UnknownHostException {
        InetAddress[] addresses = InetAddress.getAllByName(host);
        for (InetAddress a : addresses) {
            if (!allowed.test(a)) throw new RefusedAddressException(host);
        }
        return addresses;
    }

    @Override
    public String resolveCanonicalHostname(String host) throws UnknownHostException {
        return SystemDefaultDnsResolver.INSTANCE.resolveCanonicalHostname(host);
    }
}
