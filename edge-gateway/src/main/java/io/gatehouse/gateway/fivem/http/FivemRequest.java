package io.gatehouse.gateway.fivem.http;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Optional;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;

/**
 * What a FiveM HTTP handler learns about a request, after the edge policy ran.
 *
 * @param method        the request method
 * @param path          the path the player asked for (not the internal forward path), without the query
 * @param rawQuery      the raw query string, or null
 * @param headers       the request headers, read-only
 * @param clientAddress the player's address: the TCP peer, or {@code X-Real-IP} when the peer is a trusted proxy
 *                      ({@code sv_proxyIPRanges}); IPv4-mapped IPv6 addresses are reduced to IPv4
 * @param peerAddress   the TCP peer (the proxy, when there is one)
 * @param secure        whether the request came over TLS
 */
public record FivemRequest(HttpMethod method, String path, String rawQuery, HttpHeaders headers,
                           InetAddress clientAddress, InetSocketAddress peerAddress, boolean secure) {

    /** Header carrying the connection token on token-gated calls ({@code getConfiguration}, {@code /files}). */
    public static final String TOKEN_HEADER = "X-CitizenFX-Token";

    /** The {@code X-CitizenFX-Token} header, if present. A secret: never log it. */
    public Optional<String> citizenFxToken() {
        return Optional.ofNullable(headers.getFirst(TOKEN_HEADER));
    }

    /** Leaves headers out: they can carry the connection token. */
    @Override
    public String toString() {
        return "FivemRequest[" + method + " " + path + " from " + clientAddress.getHostAddress()
                + (secure ? " tls" : "") + "]";
    }
}
