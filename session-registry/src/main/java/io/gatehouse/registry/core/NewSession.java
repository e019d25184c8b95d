package io.gatehouse.registry.core;

import java.util.List;
import java.util.Objects;

/**
 * What the caller knows when it creates a pending session (FiveM initConnect, Hytale connect).
 *
 * @param passedValidation true when no further checks are pending (Hytale after authentication,
 *                         FiveM when nothing defers)
 */
public record NewSession(SessionKey key, String name, String tcpSourceAddress, List<String> identifiers,
                         boolean passedValidation) {

    public NewSession {
        Objects.requireNonNull(key, "key");
        name = name == null ? "" : name;
        tcpSourceAddress = tcpSourceAddress == null ? "" : tcpSourceAddress;
        identifiers = identifiers == null ? List.of() : List.copyOf(identifiers);
    }
}
