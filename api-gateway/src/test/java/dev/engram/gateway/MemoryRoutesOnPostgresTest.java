package dev.engram.gateway;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Map;

import static dev.engram.gateway.Api.addVerbatim;
import static dev.engram.gateway.Api.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

/** Every memory route's happy path again, with memories, history, events and API keys in PostgreSQL. */
@QuarkusTest
@TestProfile(PostgresStorageProfile.class)
class MemoryRoutesOnPostgresTest extends MemoryRoutesTest {

    @Inject
    DataSource dataSource;

    @Test
    void memoriesEventsAndKeysAreRowsInPostgres() throws SQLException {
        String key = Api.newTenantKey("org-pg");
        String id = addVerbatim(key, "pg-user", "I keep my bike in the basement");
        String eventId = as(key).body(Map.of("messages", "I like rowing", "user_id", "pg-user"))
                .post("/v3/memories/add/").then().statusCode(200).extract().path("event_id");

        assertThat(count("SELECT count(*) FROM memories WHERE id = ?::uuid AND user_id = 'pg-user'", id)).isEqualTo(1);
        assertThat(count("SELECT count(*) FROM history WHERE memory_id = ?::uuid", id)).isEqualTo(1);
        assertThat(count("SELECT count(*) FROM events WHERE id = ?", eventId)).isEqualTo(1);
        assertThat(count("SELECT count(*) FROM api_keys WHERE prefix = ?", key.substring(0, 12))).isEqualTo(1);
        as(key).get("/v1/memories/" + id + "/").then().statusCode(200).body("memory", equalTo("I keep my bike in the basement"));
    }

    private long count(String sql, String arg) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            s.setString(1, arg);
            try (ResultSet r = s.executeQuery()) {
                r.next();
                return r.getLong(1);
            }
        }
    }
}
