package dev.engram.dashboard.store;

import io.quarkus.agroal.DataSource;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/** The dashboard database's {@link DashboardSqlDialect}, read from the "dashboard" datasource once, at first use. */
@Singleton
public class DialectProducer {

    @Produces
    @Singleton
    DashboardSqlDialect dialect(@DataSource("dashboard") javax.sql.DataSource dataSource) {
        return DashboardSqlDialect.of(dataSource);
    }
}
