package io.gatehouse.gateway.fivem.http;

import java.net.InetAddress;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@code net_tcpConnLimit}: at most {@code limit} open TCP connections per remote IP; loopback and
 * {@code sv_proxyIPRanges} peers are exempt (a proxy carries many players). Counting is by address, not port.
 */
public final class TcpConnectionLimiter {

    private final int limit;
    private final IpRanges exempt;
    private final Map<InetAddress, Integer> open = new ConcurrentHashMap<>();

    public TcpConnectionLimiter(int limit, IpRanges exempt) {
        this.limit = limit;
        this.exempt = exempt;
    }

    /** Counts a new connection from {@code address}; false (and not counted) when it is over the limit. */
    public boolean tryAcquire(InetAddress address) {
        if (!isLimited(address)) {
            return true;
        }
        InetAddress key = IpRanges.canonical(address);
        boolean[] acquired = {false};
        open.compute(key, (k, count) -> {
            int current = count == null ? 0 : count;
            if (current >= limit) {
                return count;
            }
            acquired[0] = true;
            return current + 1;
        });
        return acquired[0];
    }

    /** Releases a connection counted by {@link #tryAcquire}. */
    public void release(InetAddress address) {
        if (!isLimited(address)) {
            return;
        }
        open.computeIfPresent(IpRanges.canonical(address), (k, count) -> count <= 1 ? null : count - 1);
    }

    private boolean isLimited(InetAddress address) {
        return limit > 0 && address != null && !IpRanges.canonical(address).isLoopbackAddress()
                && !exempt.contains(address);
    }

    int openConnections(InetAddress address) {
        return open.getOrDefault(IpRanges.canonical(address), 0);
    }
}
