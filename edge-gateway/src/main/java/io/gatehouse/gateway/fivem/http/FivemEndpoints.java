package io.gatehouse.gateway.fivem.http;

import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.web.reactive.function.BodyInserter;
import org.springframework.web.reactive.function.server.RequestPredicate;
import org.springframework.web.reactive.function.server.RequestPredicates;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.util.UriUtils;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The local endpoints the FiveM routes forward to. They live on internal paths that match only exchanges a FiveM
 * route has marked (see {@link FivemGatewayFilters#routeContext()}), so a player asking for an internal path
 * directly falls through to the catch-all 404, however the path is spelled or encoded.
 */
public class FivemEndpoints {

    /** Never an empty 500: a failure nobody mapped still says something a player or operator can read. */
    static final String INTERNAL_ERROR = "The server could not process your request right now. Please try again.";

    public static final String INTERNAL_PREFIX = "/_gatehouse/fivem";
    public static final String INFO = INTERNAL_PREFIX + "/info";
    public static final String DYNAMIC = INTERNAL_PREFIX + "/dynamic";
    public static final String PLAYERS = INTERNAL_PREFIX + "/players";
    public static final String CLIENT = INTERNAL_PREFIX + "/client";
    public static final String FILES = INTERNAL_PREFIX + "/files";

    static final String ORIGINAL_QUERY = FivemExchangeAttributes.class.getName() + ".originalQuery";
    static final String MISSING_METHOD = "{\"error\":\"missing method\"}";
    private static final byte[] CRLF = "\r\n".getBytes(StandardCharsets.US_ASCII);
    private static final Logger log = LoggerFactory.getLogger(FivemEndpoints.class);

    private final FivemHttpHandlers.Info info;
    private final FivemHttpHandlers.Dynamic dynamic;
    private final FivemHttpHandlers.Players players;
    private final FivemHttpHandlers.Client client;
    private final FivemHttpHandlers.Files files;

    public FivemEndpoints(FivemHttpHandlers.Info info, FivemHttpHandlers.Dynamic dynamic,
                          FivemHttpHandlers.Players players, FivemHttpHandlers.Client client,
                          FivemHttpHandlers.Files files) {
        this.info = info;
        this.dynamic = dynamic;
        this.players = players;
        this.client = client;
        this.files = files;
    }

    public RouterFunction<ServerResponse> routes() {
        return RouterFunctions.route()
                .route(internal(INFO), request -> respond(request, info::info))
                .route(internal(DYNAMIC), request -> respond(request, dynamic::dynamic))
                .route(internal(PLAYERS), request -> respond(request, players::players))
                .route(internal(FILES), request -> respond(request, r -> files.file(fileRequest(r))))
                .route(internal(CLIENT), this::client)
                .build();
    }

    private static RequestPredicate internal(String path) {
        return RequestPredicates.path(path).and(request -> request.attribute(FivemExchangeAttributes.ROUTED).isPresent());
    }

    private Mono<ServerResponse> respond(ServerRequest request, Function<FivemRequest, Mono<FivemResponse>> handler) {
        FivemRequest fivemRequest = fivemRequest(request.exchange());
        Mono<FivemResponse> response = Mono.defer(() -> handler.apply(fivemRequest))
                .switchIfEmpty(Mono.fromSupplier(() -> FivemResponse.routeNotFound(fivemRequest.path())))
                .onErrorResume(FivemStatusException.class, e -> Mono.just(FivemResponse.text(e.status(), e.body())))
                .onErrorResume(e -> {
                    log.warn("FiveM handler failed for {}", fivemRequest, e);
                    return Mono.just(FivemResponse.text(500, INTERNAL_ERROR));
                });
        return response.flatMap(FivemEndpoints::toServerResponse);
    }

    private static Mono<ServerResponse> toServerResponse(FivemResponse response) {
        return ServerResponse.status(HttpStatusCode.valueOf(response.status()))
                .headers(headers -> {
                    response.headers().forEach(headers::set);
                    if (response.contentLength() >= 0) {
                        headers.setContentLength(response.contentLength());
                    }
                })
                .body(writer(out -> out.writeAndFlushWith(
                        response.body().map(bytes -> Mono.just(out.bufferFactory().wrap(bytes))))));
    }

    /** {@code POST /client}: decode the form, dispatch, and stream each JSON document as its own flushed chunk. */
    private Mono<ServerResponse> client(ServerRequest request) {
        FivemRequest fivemRequest = fivemRequest(request.exchange());
        return DataBufferUtils.join(request.exchange().getRequest().getBody())
                .map(FivemEndpoints::drain)
                .defaultIfEmpty(new byte[0])
                .flatMap(body -> {
                    Map<String, String> form = FivemFormData.decode(body);
                    String method = form.get("method");
                    if (method == null) {
                        return plain(200, MISSING_METHOD);
                    }
                    ClientCall call = new ClientCall(method, form, fivemRequest);
                    Flux<String> chunks = Flux.defer(() -> client.call(call));
                    // writeAndFlushWith commits only on the first chunk, so a failure before it can still pick the status.
                    return ServerResponse.ok().body(writer(out ->
                            out.writeAndFlushWith(chunks.map(chunk -> Mono.just(chunkBuffer(out, chunk))))
                                    .onErrorResume(e -> out.isCommitted()
                                            ? Mono.error(e) : failBeforeFirstChunk(out, call, e))));
                });
    }

    private static Mono<Void> failBeforeFirstChunk(ServerHttpResponse out, ClientCall call, Throwable error) {
        if (error instanceof FivemStatusException status) {
            return FivemResponses.text(out, status.status(), status.body());
        }
        log.warn("FiveM /client handler failed for {}", call, error);
        return FivemResponses.text(out, 500, INTERNAL_ERROR);
    }

    private static DataBuffer chunkBuffer(ServerHttpResponse out, String chunk) {
        byte[] json = chunk.getBytes(StandardCharsets.UTF_8);
        DataBuffer buffer = out.bufferFactory().allocateBuffer(json.length + CRLF.length);
        buffer.write(json);
        buffer.write(CRLF);
        return buffer;
    }

    private static Mono<ServerResponse> plain(int status, String body) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        return ServerResponse.status(HttpStatusCode.valueOf(status))
                .body(writer(out -> out.writeWith(Mono.fromSupplier(() -> out.bufferFactory().wrap(bytes)))));
    }

    private static byte[] drain(DataBuffer buffer) {
        try {
            byte[] bytes = new byte[buffer.readableByteCount()];
            buffer.read(bytes);
            return bytes;
        } finally {
            DataBufferUtils.release(buffer);
        }
    }

    static FivemRequest fivemRequest(ServerWebExchange exchange) {
        ServerHttpRequest request = exchange.getRequest();
        String path = exchange.getAttributeOrDefault(FivemExchangeAttributes.ORIGINAL_PATH, request.getPath().value());
        String query = exchange.getAttributeOrDefault(ORIGINAL_QUERY, "");
        InetAddress clientAddress = FivemExchangeAttributes.clientAddress(exchange);
        if (clientAddress == null && request.getRemoteAddress() != null) {
            clientAddress = IpRanges.canonical(request.getRemoteAddress().getAddress());
        }
        return new FivemRequest(request.getMethod(), path, query.isEmpty() ? null : query,
                HttpHeaders.readOnlyHttpHeaders(request.getHeaders()), clientAddress, request.getRemoteAddress(),
                request.getSslInfo() != null);
    }

    /**
     * FXServer's FilesHttpHandler: after {@code /files/}, the resource is the first segment and the file the last,
     * both URL-decoded.
     */
    static FileRequest fileRequest(FivemRequest request) {
        String path = request.path();
        String rest = path.length() > "/files".length() ? path.substring("/files".length()) : "";
        if (rest.startsWith("/")) {
            rest = rest.substring(1);
        }
        int firstSlash = rest.indexOf('/');
        String resource = firstSlash < 0 ? rest : rest.substring(0, firstSlash);
        String file = rest.substring(rest.lastIndexOf('/') + 1);
        return new FileRequest(decode(resource), decode(file), request);
    }

    private static String decode(String segment) {
        try {
            return UriUtils.decode(segment, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return segment; // a malformed escape is kept literally; the handler will not find such a file
        }
    }

    /** Writes the body itself, bypassing message writers (which would add a Content-Type). */
    private static BodyInserter<Void, ServerHttpResponse> writer(Function<ServerHttpResponse, Mono<Void>> write) {
        return (out, context) -> write.apply(out);
    }
}
