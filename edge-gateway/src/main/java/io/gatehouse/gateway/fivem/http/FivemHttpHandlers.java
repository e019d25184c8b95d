package io.gatehouse.gateway.fivem.http;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The handlers behind the FiveM HTTP routes: implement one of the nested interfaces as a bean and the route uses it.
 * Everything in front of them (TLS, connection limits, {@code X-Real-IP}, rate limits, paranoia, POST-only,
 * body size, 404s, response headers) is done by the transport; handlers only produce bodies.
 *
 * <p>Handlers run on a Netty event loop: return a publisher and never block. A gRPC call belongs inside the
 * returned publisher (e.g. a reactive stub or a {@code Mono.create} around an async stub), so that the client
 * closing the connection cancels it.
 */
public interface FivemHttpHandlers {

    /** {@code GET /info.json} (after paranoia and the {@code http_info} limiter). */
    @FunctionalInterface
    interface Info {
        Mono<FivemResponse> info(FivemRequest request);
    }

    /** {@code GET /dynamic.json} (after paranoia; FXServer has no limiter here). */
    @FunctionalInterface
    interface Dynamic {
        Mono<FivemResponse> dynamic(FivemRequest request);
    }

    /** {@code GET /players.json} (after paranoia and the {@code http_players} limiter). */
    @FunctionalInterface
    interface Players {
        Mono<FivemResponse> players(FivemRequest request);
    }

    /**
     * {@code POST /client}: dispatch on {@link ClientCall#method()}. Each element is one JSON document; the
     * transport writes it as {@code element + "\r\n"} and flushes it at once, so deferral messages reach the client
     * as they happen. Completing the {@code Flux} ends the response (FXServer's {@code cb(null)}); the client
     * closing the connection cancels it (FXServer's cancel handler: drop the deferral).
     *
     * <p>A {@link FivemStatusException} before the first element becomes a plain status response. An unknown
     * method is the handler's to answer: FXServer sends {@code {"error":"invalid method"}} with no CRLF.
     */
    @FunctionalInterface
    interface Client {
        Flux<String> call(ClientCall call);
    }

    /** {@code GET /files/<resource>/<file>} (over TLS in practice); 404 texts as in FXServer's FilesHttpHandler. */
    @FunctionalInterface
    interface Files {
        Mono<FivemResponse> file(FileRequest request);
    }

    /**
     * Placeholders so a gateway boots before the real handlers exist: each answers FXServer's "no handler
     * registered" 404 ({@code Route <path> not found.}), never made-up data.
     */
    final class Placeholders {

        private Placeholders() {
        }

        public static final Info INFO = request -> Mono.just(FivemResponse.routeNotFound(request.path()));
        public static final Dynamic DYNAMIC = request -> Mono.just(FivemResponse.routeNotFound(request.path()));
        public static final Players PLAYERS = request -> Mono.just(FivemResponse.routeNotFound(request.path()));
        public static final Client CLIENT = call -> Flux.error(FivemStatusException.routeNotFound(call.request().path()));
        public static final Files FILES = request ->
                Mono.just(FivemResponse.routeNotFound(request.request().path()));
    }
}
