package io.gatehouse.fivem.protocol.ticket;

import java.security.interfaces.RSAPublicKey;
import java.util.Optional;

/**
 * Where the verifier gets the Cfx ticket public key. FXServer fetches it from {@code /api/ticket/pubkey}, caches it,
 * and on an invalid signature drops the cache if the key is older than 5 minutes and fetches again (key rotation).
 * Implementations doing I/O must not be called on an event loop.
 */
public interface CfxPublicKeySource {

    /** The current key, fetching it if needed; empty when it cannot be obtained. */
    Optional<RSAPublicKey> current();

    /**
     * Forgets the cached key if it is old enough to be refreshed (FXServer: older than 5 minutes).
     *
     * @return true when the key was dropped and {@link #current()} will fetch a new one
     */
    boolean expire();

    /** A fixed key (tests, the local development issuer, or a configured key). Never expires. */
    static CfxPublicKeySource fixed(RSAPublicKey key) {
        return new CfxPublicKeySource() {
            @Override
            public Optional<RSAPublicKey> current() {
                return Optional.ofNullable(key);
            }

            @Override
            public boolean expire() {
                return false;
            }
        };
    }
}
