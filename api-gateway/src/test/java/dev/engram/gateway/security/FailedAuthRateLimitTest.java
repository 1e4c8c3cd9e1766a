package dev.engram.gateway.security;

import dev.engram.gateway.TempDataDirResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Failed authentications are limited per client address: once an address has used its budget, it gets 429 with
 * {@code Retry-After}, even with a valid key, while other addresses are unaffected. The client binds its own loopback
 * address (127.0.0.7) so the shared test application's other tests (127.0.0.1) keep their budget.
 */
@QuarkusTest
@QuarkusTestResource(TempDataDirResource.class)
class FailedAuthRateLimitTest {

    private static final String GUESSER = "127.0.0.7";

    @Test
    void guessingIsCutOffOnceTheAddressHasUsedItsBudget() throws IOException {
        int budget = TempDataDirResource.FAILED_AUTH_PER_MINUTE;
        List<String> statuses = send(GUESSER, budget, "Token eng_wrong_guess");
        assertThat(statuses).hasSize(budget).allMatch(s -> s.startsWith("HTTP/1.1 401"));

        List<String> after = send(GUESSER, 1, "Token " + TempDataDirResource.ADMIN_KEY);
        assertThat(after.get(0)).startsWith("HTTP/1.1 429");
        assertThat(send(GUESSER, 1, "Token eng_wrong_again").get(0)).startsWith("HTTP/1.1 429");
        assertThat(send("127.0.0.1", 1, "Token " + TempDataDirResource.ADMIN_KEY).get(0)).startsWith("HTTP/1.1 200");
    }

    @Test
    void theRefusalIsAProblemWithRetryAfter() throws IOException {
        String from = "127.0.0.8";
        send(from, TempDataDirResource.FAILED_AUTH_PER_MINUTE, null);
        List<String> head = exchange(from, request("Token " + TempDataDirResource.ADMIN_KEY, true), true);
        assertThat(head.get(0)).startsWith("HTTP/1.1 429");
        assertThat(head).anyMatch(h -> h.toLowerCase().startsWith("retry-after: ")).anyMatch(h -> h.toLowerCase().contains("application/problem+json"));
    }

    /** {@code count} GET /v1/ping/ from {@code address}, one connection each; the status line of each answer. */
    private static List<String> send(String address, int count, String authorization) throws IOException {
        List<String> statuses = new ArrayList<>(count);
        for (int i = 0; i < count; i++) statuses.addAll(exchange(address, request(authorization, true), false));
        return statuses;
    }

    private static String request(String authorization, boolean last) {
        return "GET /v1/ping/ HTTP/1.1\r\nHost: localhost\r\n" + (authorization == null ? "" : "Authorization: " + authorization + "\r\n")
                + (last ? "Connection: close\r\n" : "") + "\r\n";
    }

    /** Status lines of every answer, or (headers) every line of the answers. */
    private static List<String> exchange(String address, String raw, boolean headers) throws IOException {
        try (Socket socket = new Socket()) {
            socket.bind(new InetSocketAddress(InetAddress.getByName(address), 0));
            socket.connect(new InetSocketAddress("127.0.0.1", RestAssured.port), 5_000);
            socket.setSoTimeout(30_000);
            OutputStream out = socket.getOutputStream();
            out.write(raw.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.ISO_8859_1));
            List<String> lines = new ArrayList<>();
            for (String line; (line = in.readLine()) != null; ) {
                if (headers || line.startsWith("HTTP/1.1 ")) lines.add(line);
            }
            return lines;
        }
    }
}
