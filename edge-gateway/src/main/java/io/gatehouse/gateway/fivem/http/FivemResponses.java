package io.gatehouse.gateway.fivem.http;

import java.nio.charset.StandardCharsets;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpRequestDecorator;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import reactor.netty.Connection;

/** Small writers shared by the filters and endpoints: plain text without Content-Type, and closing a connection. */
final class FivemResponses {

    private FivemResponses() {
    }

    static Mono<Void> text(ServerHttpResponse response, int status, String body) {
        response.setStatusCode(HttpStatusCode.valueOf(status));
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        return response.writeWith(Mono.fromSupplier(() -> response.bufferFactory().wrap(bytes)));
    }

    /** Writes the response, then has reactor-netty close the connection (FXServer's {@code CloseSocket}). */
    static Mono<Void> textThenClose(ServerHttpResponse response, int status, String body) {
        response.getHeaders().set(HttpHeaders.CONNECTION, "close");
        return text(response, status, body);
    }

    /** Closes the connection without answering (FXServer's rate-limit cooldown); falls back to a 429 and close. */
    static Mono<Void> closeSilently(ServerWebExchange exchange) {
        Connection connection = connection(exchange.getRequest());
        if (connection != null) {
            connection.channel().close();
            return Mono.empty();
        }
        return textThenClose(exchange.getResponse(), 429, "Rate limit exceeded.");
    }

    static Connection connection(ServerHttpRequest request) {
        Object nativeRequest = ServerHttpRequestDecorator.getNativeRequest(request);
        return nativeRequest instanceof Connection connection ? connection : null;
    }
}
