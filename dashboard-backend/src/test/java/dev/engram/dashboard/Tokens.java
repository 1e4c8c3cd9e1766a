package dev.engram.dashboard;

import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import io.smallrye.jwt.build.Jwt;

import java.util.UUID;

/** Signed OIDC access tokens (the WireMock OIDC server's key) for made-up people, and requests carrying them. */
public final class Tokens {

    private static final java.util.Map<Person, String> SIGNED = new java.util.concurrent.ConcurrentHashMap<>();

    private Tokens() {
    }

    /** A person with a fresh subject and a verified address {@code <name>-<random>@example.com}. */
    public static Person person(String name) {
        String unique = name + "-" + UUID.randomUUID().toString().substring(0, 8);
        return new Person("sub-" + unique, unique.toLowerCase(java.util.Locale.ROOT) + "@example.com", true, name);
    }

    public record Person(String subject, String email, boolean emailVerified, String name) {

        public Person unverified() {
            return new Person(subject, email, false, name);
        }

        /** The person's token, signed once per person and claims (signing is the slow part of a test request). */
        public String token() {
            return SIGNED.computeIfAbsent(this, Person::sign);
        }

        private String sign() {
            return Jwt.subject(subject)
                    .issuer("https://server.example.com")
                    .audience("https://service.example.com")
                    .claim("email", email)
                    .claim("email_verified", emailVerified)
                    .claim("name", name)
                    .sign();
        }

        public RequestSpecification request() {
            return RestAssured.given().auth().oauth2(token()).contentType(ContentType.JSON);
        }
    }
}
