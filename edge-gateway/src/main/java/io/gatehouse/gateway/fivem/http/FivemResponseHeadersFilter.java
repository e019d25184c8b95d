package io.gatehouse.gateway.fivem.http;

import java.net.InetSocketAddress;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;
import reactor.netty.http.server.HttpServerRequest;
import org.springframework.http.server.reactive.ServerHttpRequestDecorator;

/**
 * Gives every response on the FiveM port FXServer's header shape ({@code Http1Server.cpp}): no {@code Content-Type}
 * (whoever set one), a {@code Date}, and {@code Connection: keep-alive|close}. Also {@code X-Content-Type-Options:
 * nosniff}, our only addition: the 404 text echoes the path, and no browser should sniff it as HTML. Requests on
 * another port (a separate management server sharing the parent context's filters) are left alone.
 */
public class FivemResponseHeadersFilter implements WebFilter, Ordered {

    private final FivemHttpListener listener;

    public FivemResponseHeadersFilter(FivemHttpListener listener) {
        this.listener = listener;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        InetSocketAddress local = exchange.getRequest().getLocalAddress();
        int port = listener.port();
        if (port > 0 && local != null && local.getPort() != port) {
            return chain.filter(exchange);
        }
        ServerHttpResponse response = exchange.getResponse();
        boolean keepAlive = keepAlive(exchange);
        response.beforeCommit(() -> {
            HttpHeaders headers = response.getHeaders();
            headers.remove(HttpHeaders.CONTENT_TYPE);
            if (!headers.containsHeader(HttpHeaders.DATE)) {
                headers.setDate(System.currentTimeMillis());
            }
            if (!headers.containsHeader(HttpHeaders.CONNECTION)) {
                headers.set(HttpHeaders.CONNECTION, keepAlive ? "keep-alive" : "close");
            }
            headers.set("X-Content-Type-Options", "nosniff");
            return Mono.empty();
        });
        return chain.filter(exchange);
    }

    private static boolean keepAlive(ServerWebExchange exchange) {
        Object nativeRequest = ServerHttpRequestDecorator.getNativeRequest(exchange.getRequest());
        return !(nativeRequest instanceof HttpServerRequest request) || request.isKeepAlive();
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE;
    }
}
