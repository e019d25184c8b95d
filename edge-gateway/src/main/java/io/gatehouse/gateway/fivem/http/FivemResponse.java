package io.gatehouse.gateway.fivem.http;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import reactor.core.publisher.Flux;

/**
 * A FiveM HTTP response: status, extra headers and a body streamed chunk by chunk. Like FXServer's, it carries no
 * {@code Content-Type}; the transport strips any that is set. HTTP/1.1 bodies go out chunked unless
 * {@code contentLength} is known.
 *
 * @param status        HTTP status
 * @param headers       extra response headers (rarely needed)
 * @param body          the body, each element written and flushed as it comes
 * @param contentLength the body's length when known in advance (files), else -1
 */
public record FivemResponse(int status, Map<String, String> headers, Flux<ByteBuffer> body, long contentLength) {

    public FivemResponse {
        headers = Map.copyOf(headers);
    }

    /** 200 with a text body, e.g. the JSON of {@code /info.json}. */
    public static FivemResponse ok(String body) {
        return text(200, body);
    }

    public static FivemResponse text(int status, String body) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        return new FivemResponse(status, Map.of(), Flux.just(ByteBuffer.wrap(bytes)), bytes.length);
    }

    /** A streamed body of known length (a file). */
    public static FivemResponse stream(int status, Flux<ByteBuffer> body, long contentLength) {
        return new FivemResponse(status, Map.of(), body, contentLength);
    }

    /** 404 {@code Route <path> not found.}, FXServer's answer for a path without a handler. */
    public static FivemResponse routeNotFound(String path) {
        return text(404, routeNotFoundText(path));
    }

    static String routeNotFoundText(String path) {
        return "Route " + path + " not found.";
    }
}
