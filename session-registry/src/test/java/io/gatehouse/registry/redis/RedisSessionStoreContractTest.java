package io.gatehouse.registry.redis;

import io.gatehouse.registry.contract.SessionStoreContract;
import io.gatehouse.registry.core.RegistrySettings;
import io.gatehouse.registry.core.SessionStore;
import io.gatehouse.registry.testing.RedisServerExtension;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Clock;

/** The contract against a real redis-server; every store client has its own connection. */
class RedisSessionStoreContractTest extends SessionStoreContract {

    @RegisterExtension
    static final RedisServerExtension REDIS = new RedisServerExtension();

    @Override
    protected void resetSharedState() {
        REDIS.flushAll();
    }

    @Override
    protected SessionStore newStore(RegistrySettings settings, Clock clock) {
        return RedisSessionStore.connect(REDIS.client(), settings, clock, RedisSessionStore.DEFAULT_PREFIX);
    }
}
