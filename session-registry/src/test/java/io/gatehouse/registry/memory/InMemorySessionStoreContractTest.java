package io.gatehouse.registry.memory;

import io.gatehouse.registry.contract.SessionStoreContract;
import io.gatehouse.registry.core.RegistrySettings;
import io.gatehouse.registry.core.SessionStore;

import java.time.Clock;
import java.util.HashMap;
import java.util.Map;

class InMemorySessionStoreContractTest extends SessionStoreContract {

    // clients opened with the same settings share one store, as Redis clients share one database
    private final Map<RegistrySettings, InMemorySessionStore> shared = new HashMap<>();

    @Override
    protected SessionStore newStore(RegistrySettings settings, Clock clock) {
        return shared.computeIfAbsent(settings, s -> new InMemorySessionStore(s, clock));
    }
}
