package io.gatehouse.gateway.fivem.http;

import io.gatehouse.gateway.fivem.config.FivemProperties;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.cloud.gateway.filter.GatewayFilter;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpRequestDecorator;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The edge policy of the FiveM routes, as Spring Cloud Gateway filters, each answering with FXServer's own words.
 * They run before the gateway's forward ({@link #ORDER} is below {@code ForwardPathFilter}'s 0).
 */
public class FivemGatewayFilters {

    /** Route filters run in the order given, all before the forward. */
    public static final int ORDER = -1000;

    static final String REAL_IP_HEADER = "X-Real-IP";
    static final String RATE_LIMITED = "Rate limit exceeded.";
    static final String PARANOIA_BODY = "Nope.";
    static final String TOO_BIG_BODY = "{\"error\":\"POST data too big\"}";

    /** Stands in for a missing peer address (never seen with reactor-netty); in no range, never exempt. */
    private static final InetAddress UNSPECIFIED = unspecified();

    private final FivemProperties properties;
    private final IpRanges proxies;
    private final FivemRateLimiter rateLimiter;

    public FivemGatewayFilters(FivemProperties properties, IpRanges proxies, FivemRateLimiter rateLimiter) {
        this.properties = properties;
        this.proxies = proxies;
        this.rateLimiter = rateLimiter;
    }

    /**
     * First on every route: resolves the player's address ({@code X-Real-IP} only from a peer in
     * {@code sv_proxyIPRanges}, as FXServer's EndPointIdentityProvider), remembers the path the player asked for
     * and marks the exchange as routed, which the internal handler paths require.
     */
    public GatewayFilter routeContext() {
        return (exchange, chain) -> {
            ServerHttpRequest request = exchange.getRequest();
            InetAddress peer = peerAddress(exchange);
            InetAddress client = peer;
            if (proxies.contains(peer)) {
                InetAddress real = IpRanges.parseLiteral(request.getHeaders().getFirst(REAL_IP_HEADER));
                if (real != null) {
                    client = real;
                }
            }
            var attributes = exchange.getAttributes();
            attributes.put(FivemExchangeAttributes.CLIENT_ADDRESS, IpRanges.canonical(client));
            attributes.putIfAbsent(FivemExchangeAttributes.ORIGINAL_PATH, request.getPath().value());
            attributes.putIfAbsent(FivemEndpoints.ORIGINAL_QUERY, request.getURI().getRawQuery() == null
                    ? "" : request.getURI().getRawQuery());
            attributes.put(FivemExchangeAttributes.ROUTED, Boolean.TRUE);
            return chain.filter(exchange);
        };
    }

    /**
     * {@code sv_requestParanoia}: 403 {@code Nope.} for a {@code Via} header at level 1+, for
     * {@code Upgrade-Insecure-Requests} at 2+; at 3+ the socket is closed after it where FXServer does so.
     */
    public GatewayFilter requestParanoia(boolean closeAtLevelThree) {
        return (exchange, chain) -> {
            int level = properties.getRequestParanoia();
            if (level <= 0) {
                return chain.filter(exchange);
            }
            HttpHeaders headers = exchange.getRequest().getHeaders();
            boolean block = headers.containsHeader("Via")
                    ? level >= 1
                    : headers.containsHeader("Upgrade-Insecure-Requests") && level >= 2;
            if (!block) {
                return chain.filter(exchange);
            }
            return closeAtLevelThree && level >= 3
                    ? FivemResponses.textThenClose(exchange.getResponse(), 403, PARANOIA_BODY)
                    : FivemResponses.text(exchange.getResponse(), 403, PARANOIA_BODY);
        };
    }

    /**
     * The FXServer limiter {@code name} per source address: 429 {@code Rate limit exceeded.}, or a silent close
     * while the source is in cooldown. A TCP peer in {@code sv_proxyIPRanges} is exempt.
     */
    public GatewayFilter rateLimit(String name) {
        return (exchange, chain) -> {
            InetAddress peer = peerAddress(exchange);
            if (proxies.contains(peer)) {
                return chain.filter(exchange);
            }
            InetAddress client = FivemExchangeAttributes.clientAddress(exchange);
            String key = (client != null ? client : IpRanges.canonical(peer)).getHostAddress();
            return switch (rateLimiter.consume(name, key)) {
                case ALLOWED -> chain.filter(exchange);
                case LIMITED -> FivemResponses.text(exchange.getResponse(), 429, RATE_LIMITED);
                case COOLDOWN -> FivemResponses.closeSilently(exchange);
            };
        };
    }

    /** 405 with FXServer's text (e.g. {@code /client is POST only}) for any other method. */
    public GatewayFilter onlyMethod(HttpMethod method, String refusal) {
        return (exchange, chain) -> method.equals(exchange.getRequest().getMethod())
                ? chain.filter(exchange)
                : FivemResponses.text(exchange.getResponse(), 405, refusal);
    }

    /**
     * {@code sv_maxClientEndpointRequestSize}: a larger {@code /client} body gets {@code {"error":"POST data too big"}}
     * (status 200, as FXServer). A declared length is refused before reading; a chunked body is counted as it
     * streams and refused when it crosses the limit. Either way the connection closes, since the body is not drained.
     */
    public GatewayFilter clientBodyLimit() {
        return (exchange, chain) -> {
            int limit = properties.getMaxClientRequestSize();
            ServerHttpRequest request = exchange.getRequest();
            if (request.getHeaders().getContentLength() > limit) {
                return FivemResponses.textThenClose(exchange.getResponse(), 200, TOO_BIG_BODY);
            }
            AtomicLong seen = new AtomicLong();
            ServerHttpRequest counted = new ServerHttpRequestDecorator(request) {
                @Override
                public Flux<DataBuffer> getBody() {
                    return super.getBody().map(buffer -> {
                        if (seen.addAndGet(buffer.readableByteCount()) > limit) {
                            DataBufferUtils.release(buffer);
                            throw new BodyTooLarge();
                        }
                        return buffer;
                    });
                }
            };
            return chain.filter(exchange.mutate().request(counted).build())
                    .onErrorResume(BodyTooLarge.class, e -> exchange.getResponse().isCommitted()
                            ? Mono.error(e)
                            : FivemResponses.textThenClose(exchange.getResponse(), 200, TOO_BIG_BODY));
        };
    }

    /** The catch-all: 404 {@code Route <path> not found.} as FXServer's HttpServerManager. */
    public GatewayFilter routeNotFound() {
        return (exchange, chain) -> FivemResponses.text(exchange.getResponse(), 404,
                FivemResponse.routeNotFoundText(exchange.getRequest().getPath().value()));
    }

    private static InetAddress peerAddress(ServerWebExchange exchange) {
        InetSocketAddress remote = exchange.getRequest().getRemoteAddress();
        return remote != null && remote.getAddress() != null ? remote.getAddress() : UNSPECIFIED;
    }

    private static InetAddress unspecified() {
        try {
            return InetAddress.getByAddress(new byte[4]);
        } catch (java.net.UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Signals a body over the limit from inside the body stream; carries no stack (it is not a bug). */
    static final class BodyTooLarge extends RuntimeException {
        BodyTooLarge() {
            super("POST data too big", null, false, false);
        }
    }
}
