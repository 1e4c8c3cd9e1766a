package dev.engram.testing.process;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;

/** Loopback ports for servers the tests start. */
public final class FreePorts {

    private FreePorts() {
    }

    /**
     * A port on 127.0.0.1 that nothing listens on right now. The kernel picks it from the ephemeral range, so another
     * process could in principle take it before our server binds it; in practice the window is milliseconds.
     */
    public static int find() {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(false);
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free port on 127.0.0.1", e);
        }
    }

    /**
     * A port {@code p} such that {@code p} and {@code p + 1} are both free on 127.0.0.1 right now (./engram up's
     * {@code --management-port N} uses N and N + 1).
     */
    public static int findPair() {
        for (int attempt = 0; attempt < 50; attempt++) {
            int p = find();
            if (p >= 65535) continue;
            try (ServerSocket first = new ServerSocket(); ServerSocket second = new ServerSocket()) {
                first.setReuseAddress(false);
                second.setReuseAddress(false);
                first.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), p));
                second.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), p + 1));
                return p;
            } catch (IOException taken) {
                // p or p + 1 was taken meanwhile: try another
            }
        }
        throw new IllegalStateException("no two consecutive free ports on 127.0.0.1 after 50 attempts");
    }

    /** Whether something accepts TCP connections on 127.0.0.1:{@code port}. */
    public static boolean isListening(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 200);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
