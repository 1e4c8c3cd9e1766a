package dev.engram.gateway.security;

import dev.engram.gateway.config.EngineProducer.PlatformDatabase;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/** The API key store on the platform database. */
@Singleton
public class SecurityProducer {

    @Produces
    @Singleton
    ApiKeyStore apiKeyStore(PlatformDatabase database) {
        return new JdbcApiKeyStore(database.gatewayDataSource());
    }
}
