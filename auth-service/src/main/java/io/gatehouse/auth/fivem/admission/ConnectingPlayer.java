package io.gatehouse.auth.fivem.admission;

import java.util.List;

/**
 * The player a hook decides on ({@code playerConnecting}'s source and arguments). The connection token is not part of
 * it: hooks never need it and it must not leak into logs or webhooks.
 *
 * @param tempNetId   {@code 0x10000 + n}, the {@code internal-net:<id>} source of {@code playerConnecting}
 * @param identifiers {@code license:}, ticket {@code tk} identifiers, {@code ip:}
 * @param ip          the TCP source address (no port)
 */
public record ConnectingPlayer(String name, String guid, List<String> identifiers, String ip, long tempNetId) {

    public ConnectingPlayer {
        identifiers = List.copyOf(identifiers);
    }
}
