package io.gatehouse.auth.fivem;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * FXServer's {@code GetClientByTcpEndPoint} for getConfiguration requests without {@code X-CitizenFX-Token}: the
 * latest session created from each TCP source address by this auth instance. The registry stays the truth: a hit is
 * only a candidate token, confirmed by {@code findByToken} and the session's recorded source.
 */
public final class TcpSourceIndex {

    private static final int MAX_ENTRIES = 200_000;

    private final Map<String, String> latestTokenByAddress = new ConcurrentHashMap<>();

    public void record(String address, String token) {
        if (latestTokenByAddress.size() >= MAX_ENTRIES) {
            latestTokenByAddress.clear(); // a cheap bound; entries are only hints
        }
        latestTokenByAddress.put(address, token);
    }

    public Optional<String> candidate(String address) {
        return Optional.ofNullable(latestTokenByAddress.get(address));
    }

    public void forget(String address, String token) {
        latestTokenByAddress.remove(address, token);
    }
}
