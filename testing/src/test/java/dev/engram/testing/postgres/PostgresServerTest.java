package dev.engram.testing.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.engram.testing.process.FreePorts;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(PostgresExtension.class)
class PostgresServerTest {

    private static PostgresServer server;

    @BeforeAll
    static void sharedServer(PostgresServer shared) {
        server = shared;
        assertThat(PostgresServer.shared()).isSameAs(shared);
    }

    @Test
    void storesAndQueriesRows() throws SQLException {
        server.createDatabase("rows");
        try (Connection connection = connect("rows"); Statement statement = connection.createStatement()) {
            statement.execute("create table memory (id bigint primary key, tenant text not null, body text not null)");
            statement.execute("insert into memory values (1, 'a', 'likes tea'), (2, 'b', 'likes coffee'), (3, 'a', 'lives in Oslo')");

            List<String> bodies = new ArrayList<>();
            try (ResultSet rows = statement.executeQuery("select body from memory where tenant = 'a' order by id")) {
                while (rows.next()) {
                    bodies.add(rows.getString(1));
                }
            }
            assertThat(bodies).containsExactly("likes tea", "lives in Oslo");
            try (ResultSet version = statement.executeQuery("show server_version_num")) {
                version.next();
                assertThat(version.getInt(1)).isGreaterThanOrEqualTo(130000);
            }
        }
    }

    @Test
    void databasesAreSeparate() throws SQLException {
        server.createDatabase("first_db");
        server.createDatabase("second_db");
        try (Connection first = connect("first_db"); Statement statement = first.createStatement()) {
            statement.execute("create table only_here (x int)");
        }
        try (Connection second = connect("second_db"); Statement statement = second.createStatement();
             ResultSet tables = statement.executeQuery("select count(*) from pg_tables where tablename = 'only_here'")) {
            tables.next();
            assertThat(tables.getInt(1)).isZero();
        }
        assertThatThrownBy(() -> server.createDatabase("first_db")).isInstanceOf(IllegalStateException.class);
        server.createDatabaseIfMissing("first_db");
        assertThatThrownBy(() -> server.createDatabase("Robert'); drop")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void closeStopsTheServerAndFreesThePort() throws SQLException {
        PostgresServer own = PostgresServer.start();
        own.createDatabase("short_lived");
        try (Connection connection = connect(own, "short_lived")) {
            assertThat(connection.isValid(2)).isTrue();
        }
        int port = own.port();

        own.close();

        assertThat(FreePorts.isListening(port)).isFalse();
        assertThatThrownBy(() -> connect(own, "short_lived")).isInstanceOf(SQLException.class);
    }

    @Test
    void killAndRestartKeepThePortAndEveryCommittedRow() throws SQLException {
        try (PostgresServer own = PostgresServer.start()) {
            own.createDatabase("durable");
            try (Connection connection = connect(own, "durable"); Statement sql = connection.createStatement()) {
                sql.execute("create table facts (id int primary key)");
                sql.execute("insert into facts values (1), (2)");
            }
            int port = own.port();

            own.kill();
            assertThat(FreePorts.isListening(port)).isFalse();
            assertThatThrownBy(() -> connect(own, "durable")).isInstanceOf(SQLException.class);

            own.restart();
            assertThat(own.port()).isEqualTo(port);
            try (Connection connection = connect(own, "durable"); Statement sql = connection.createStatement();
                 ResultSet count = sql.executeQuery("select count(*) from facts")) {
                count.next();
                assertThat(count.getInt(1)).isEqualTo(2);
            }
        }
    }

    private static Connection connect(String database) throws SQLException {
        return connect(server, database);
    }

    private static Connection connect(PostgresServer target, String database) throws SQLException {
        return DriverManager.getConnection(target.jdbcUrl(database), target.username(), target.password());
    }
}
