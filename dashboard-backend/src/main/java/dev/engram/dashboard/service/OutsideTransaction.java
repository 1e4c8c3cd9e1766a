package dev.engram.dashboard.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.util.function.Supplier;

/**
 * Runs work with the caller's JTA transaction suspended, declaratively like every other boundary of the dashboard
 * ({@code @Transactional}): for the platform's tables on another, non-XA datasource ({@link DatabaseTenantDirectory}),
 * which cannot join the dashboard's transaction and commits on its own.
 */
@ApplicationScoped
public class OutsideTransaction {

    @Transactional(Transactional.TxType.NOT_SUPPORTED)
    public <T> T call(Supplier<T> work) {
        return work.get();
    }
}
