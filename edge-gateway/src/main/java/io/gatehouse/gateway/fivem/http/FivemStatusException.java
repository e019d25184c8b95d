package io.gatehouse.gateway.fivem.http;

/**
 * Ends a FiveM request with a plain status and body, e.g. a handler's {@code Flux} of {@code /client} chunks failing
 * with it before its first chunk. After the first chunk the status is already sent; the connection is then closed.
 */
public class FivemStatusException extends RuntimeException {

    private final int status;
    private final String body;

    public FivemStatusException(int status, String body) {
        super(status + " " + body, null, false, false);
        this.status = status;
        this.body = body;
    }

    /** FXServer's answer when no handler is registered for a path: 404 {@code Route <path> not found.} */
    public static FivemStatusException routeNotFound(String path) {
        return new FivemStatusException(404, FivemResponse.routeNotFoundText(path));
    }

    public int status() {
        return status;
    }

    public String body() {
        return body;
    }
}
