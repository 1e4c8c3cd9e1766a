package dev.engram.core.net;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * Which addresses the server may reach on a client's behalf (server-side request forgery): the one rule shared by
 * webhook targets and document URLs.
 */
public final class PublicAddresses {

    private PublicAddresses() {
    }

    /**
     * True for a public address: not loopback, private (10/8, 172.16/12, 192.168/16, fc00::/7), link-local
     * (169.254/16 with the cloud metadata address, fe80::/10), CGNAT (100.64/10), multicast, unspecified, 0/8,
     * 192.0.0/24 or 240/4; an IPv4-mapped IPv6 address is judged as its IPv4 address.
     */
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
