package dev.engram.platform.error;

import dev.engram.core.error.StorageException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.SQLException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A 503 (a backend down, retryable) is logged at WARN on one line without a stack trace; a real 500 stays at ERROR with
 * its stack trace. Captured through the JDK logging API the JBoss logger writes to.
 */
class ProblemMapperLoggingTest {

    private final List<LogRecord> records = new CopyOnWriteArrayList<>();
    private final Handler capture = new Handler() {
        @Override
        public void publish(LogRecord record) {
            records.add(record);
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };
    private final Logger logger = Logger.getLogger(ProblemMapper.class.getName());

    @BeforeEach
    void attach() {
        logger.addHandler(capture);
    }

    @AfterEach
    void detach() {
        logger.removeHandler(capture);
    }

    @Test
    void aBackendDownIsOneWarningLineWithoutStackTrace() {
        var down = new StorageException("Memory store failed to write: connection refused\nsecond line",
                new SQLException("Connection to localhost:5432 refused"));

        var response = new ProblemMapper().map(down, null, null);

        assertThat(response.getStatus()).isEqualTo(503);
        assertThat(records).hasSize(1);
        LogRecord record = records.getFirst();
        assertThat(record.getLevel()).isEqualTo(Level.WARNING);
        assertThat(record.getThrown()).isNull();
        String message = formatted(record);
        assertThat(message).doesNotContain("\n").contains("503").contains("connection refused").contains("Connection to localhost:5432 refused");
    }

    @Test
    void anUnexpectedFailureStaysAnErrorWithItsStackTrace() {
        var bug = new IllegalStateException("a bug");

        var response = new ProblemMapper().map(bug, null, null);

        assertThat(response.getStatus()).isEqualTo(500);
        assertThat(records).hasSize(1);
        assertThat(records.getFirst().getLevel()).isEqualTo(Level.SEVERE);
        assertThat(records.getFirst().getThrown()).isSameAs(bug);
    }

    private static String formatted(LogRecord record) {
        Object[] parameters = record.getParameters();
        String message = record.getMessage();
        return parameters == null ? message : String.format(message, parameters);
    }
}
