package dev.engram.dashboard.store;

import jakarta.persistence.EntityManager;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.sql.DataSource;

/**
 * The few statements of the dashboard's native SQL that PostgreSQL (the distributed platform) and H2 (the standalone build,
 * profile {@code standalone}) spell differently. Everything else is SQL both accept. Chosen once from the dashboard
 * datasource ({@link #of(DataSource)}, the CDI bean of {@link DialectProducer}).
 *
 * <p>Upserts stay {@code INSERT ... ON CONFLICT} on PostgreSQL: its {@code MERGE} can fail with a unique violation when
 * two transactions insert the same new key, {@code ON CONFLICT} cannot. H2 has no {@code ON CONFLICT} and uses the
 * standard {@code MERGE}; only one process opens its file.
 */
public enum DashboardSqlDialect {

    POSTGRESQL {
        @Override
        public String upsertAdding(String table, List<String> keys, List<String> sums) {
            return "INSERT INTO " + table + " AS t (" + join(keys, sums) + ") VALUES (" + parameters(keys.size() + sums.size())
                    + ") ON CONFLICT (" + String.join(", ", keys) + ") DO UPDATE SET "
                    + sums.stream().map(c -> c + " = t." + c + " + EXCLUDED." + c).collect(Collectors.joining(", "));
        }

        @Override
        public String insertIfAbsent(String table, List<String> keys, List<String> others) {
            return "INSERT INTO " + table + " (" + join(keys, others) + ") VALUES (" + parameters(keys.size() + others.size())
                    + ") ON CONFLICT DO NOTHING";
        }

        @Override
        public String utcDay(String column) {
            return "date_trunc('day', " + column + ", 'UTC')";
        }

        @Override
        void lockSubject(EntityManager em, int space, String subject) {
            em.createNativeQuery("SELECT CAST(pg_advisory_xact_lock(:space, hashtext(:subject)) AS text)")
                    .setParameter("space", space)
                    .setParameter("subject", subject)
                    .getSingleResult();
        }
    },

    H2 {
        @Override
        public String upsertAdding(String table, List<String> keys, List<String> sums) {
            StringBuilder set = new StringBuilder();
            for (int i = 0; i < sums.size(); i++) {
                String c = sums.get(i);
                set.append(i == 0 ? "" : ", ").append(c).append(" = t.").append(c).append(" + ?").append(keys.size() + i + 1);
            }
            return merge(table, keys) + " WHEN MATCHED THEN UPDATE SET " + set + whenNotMatchedInsert(keys, sums);
        }

        @Override
        public String insertIfAbsent(String table, List<String> keys, List<String> others) {
            return merge(table, keys) + whenNotMatchedInsert(keys, others);
        }

        @Override
        public String utcDay(String column) {
            return "DATE_TRUNC('DAY', " + column + " AT TIME ZONE 'UTC')";
        }

        /**
         * H2 has no advisory locks: every sign-up locks the one row of {@code dashboard.sign_up_lock} (db/dashboard-h2 V1)
         * until its transaction ends. Coarser than PostgreSQL's lock per subject, which is fine for one process.
         */
        @Override
        void lockSubject(EntityManager em, int space, String subject) {
            em.createNativeQuery("SELECT id FROM dashboard.sign_up_lock WHERE id = 1 FOR UPDATE").getSingleResult();
        }

        /**
         * {@code MERGE} with a one-row source and the parameters numbered ({@code ?1}): each appears where a column gives
         * it its type (H2 types the parameters of a {@code VALUES} source as text, which then cannot be compared with a
         * binary column), and a number may appear twice while the caller binds each value once, in the same order as for
         * PostgreSQL.
         */
        private static String merge(String table, List<String> keys) {
            StringBuilder on = new StringBuilder();
            for (int i = 0; i < keys.size(); i++) {
                on.append(i == 0 ? "" : " AND ").append("t.").append(keys.get(i)).append(" = ?").append(i + 1);
            }
            return "MERGE INTO " + table + " t USING (VALUES (1)) AS s (one) ON " + on;
        }

        private static String whenNotMatchedInsert(List<String> keys, List<String> others) {
            int n = keys.size() + others.size();
            return " WHEN NOT MATCHED THEN INSERT (" + join(keys, others) + ") VALUES ("
                    + java.util.stream.IntStream.rangeClosed(1, n).mapToObj(i -> "?" + i).collect(Collectors.joining(", ")) + ")";
        }
    };

    /**
     * Adds a row to {@code table} or, when a row with its {@code keys} exists, adds the values of {@code sums} to that
     * row's. Parameters: the keys, then the sums, in the order given.
     */
    public abstract String upsertAdding(String table, List<String> keys, List<String> sums);

    /** Inserts a row unless one with the same {@code keys} exists. Parameters: the keys, then {@code others}. */
    public abstract String insertIfAbsent(String table, List<String> keys, List<String> others);

    /** The start of the UTC day of a {@code TIMESTAMP WITH TIME ZONE} column, of the same type. */
    public abstract String utcDay(String column);

    /**
     * Serialises the rest of the current transaction with every other transaction that locks the same subject (released
     * at commit or rollback). {@code space} keeps the lock apart from other users of PostgreSQL's advisory locks.
     */
    abstract void lockSubject(EntityManager em, int space, String subject);

    /** The dialect of the database behind {@code dataSource}. */
    public static DashboardSqlDialect of(DataSource dataSource) {
        try (Connection c = dataSource.getConnection()) {
            return of(c.getMetaData().getDatabaseProductName());
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot reach the dashboard database: " + e.getMessage(), e);
        }
    }

    static DashboardSqlDialect of(String databaseProductName) {
        return switch (databaseProductName.toLowerCase(Locale.ROOT)) {
            case "postgresql" -> POSTGRESQL;
            case "h2" -> H2;
            default -> throw new IllegalStateException("The dashboard supports PostgreSQL and H2, not " + databaseProductName);
        };
    }

    private static String join(List<String> a, List<String> b) {
        return Stream.concat(a.stream(), b.stream()).collect(Collectors.joining(", "));
    }

    private static String parameters(int n) {
        return String.join(", ", java.util.Collections.nCopies(n, "?"));
    }
}
