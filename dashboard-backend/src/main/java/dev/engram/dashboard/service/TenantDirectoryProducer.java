package dev.engram.dashboard.service;

import dev.engram.dashboard.config.DashboardConfig;
import dev.engram.dashboard.gateway.GatewayClient;
import io.quarkus.arc.InjectableInstance;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import javax.sql.DataSource;

/**
 * Chooses the {@link TenantDirectory} once, by {@code engram.dashboard.tenant-directory}. The default datasource is
 * looked up only in {@code database} mode: the standalone dashboard has none.
 */
@Singleton
public class TenantDirectoryProducer {

    @Produces
    @Singleton
    TenantDirectory tenantDirectory(DashboardConfig config, InjectableInstance<DataSource> platformDataSource, GatewayClient gateway,
                                    OutsideTransaction outsideTransaction) {
        return switch (config.dashboard().tenantDirectory()) {
            case DATABASE -> new DatabaseTenantDirectory(platformDataSource.get(), gateway, outsideTransaction);
            case GATEWAY -> new GatewayTenantDirectory(gateway);
        };
    }
}
