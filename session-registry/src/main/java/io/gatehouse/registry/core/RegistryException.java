package io.gatehouse.registry.core;

import java.util.Objects;

/** A refused operation; futures of {@link SessionStore} complete exceptionally with this. */
public final class RegistryException extends RuntimeException {

    private final RegistryError error;

    public RegistryException(RegistryError error) {
        super(error.protocolMessage(), null, false, false);
        this.error = Objects.requireNonNull(error);
    }

    public RegistryError error() {
        return error;
    }
}
