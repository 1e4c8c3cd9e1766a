package dev.engram.platform.store.postgres;

import dev.engram.core.error.EngramException;
import dev.engram.core.error.StorageException;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.narayana.jta.QuarkusTransactionException;
import jakarta.persistence.PersistenceException;
import org.hibernate.exception.ConstraintViolationException;

import java.util.function.Supplier;

/**
 * Runs store work in a transaction of its own, so what a store method writes is committed (durable) when it returns,
 * whatever transaction the caller has. Database failures surface as {@link StorageException}; the store's own
 * argument and domain errors pass through unchanged.
 */
final class Transactions {

    private static final String UNIQUE_VIOLATION = "23505";

    private Transactions() {
    }

    static <T> T inNew(String what, Supplier<T> work) {
        try {
            return QuarkusTransaction.requiringNew().call(work::get);
        } catch (IllegalArgumentException | EngramException e) {
            throw e;
        } catch (PersistenceException | QuarkusTransactionException e) {
            throw new StorageException("PostgreSQL store failed to " + what + ": " + e.getMessage(), e);
        }
    }

    static void inNew(String what, Runnable work) {
        inNew(what, () -> {
            work.run();
            return null;
        });
    }

    /** Whether {@code failure} came from a primary-key or unique constraint. */
    static boolean isDuplicateKey(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof ConstraintViolationException violation && UNIQUE_VIOLATION.equals(violation.getSQLState())) return true;
        }
        return false;
    }
}
