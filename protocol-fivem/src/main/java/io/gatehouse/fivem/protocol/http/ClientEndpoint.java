package io.gatehouse.fivem.protocol.http;

import io.gatehouse.fivem.protocol.form.FormData;
import io.gatehouse.fivem.protocol.json.FxJson;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The {@code /client} dispatcher ({@code ClientHttpHandler.cpp}). Its own errors end the response with the JSON
 * and <em>no</em> trailing CRLF (unlike handler chunks), with status 200 except the 405.
 */
public final class ClientEndpoint {

    public static final String NOT_POST_BODY = "/client is POST only";

    private ClientEndpoint() {
    }

    public sealed interface Dispatch {
    }

    /** Send {@code body} with {@code status} and end the response. */
    public record Reject(int status, String body) implements Dispatch {
    }

    /** Run the method's handler with the decoded form. */
    public record Route(ClientMethod method, FormData form) implements Dispatch {
        public Route {
            Objects.requireNonNull(method, "method");
            Objects.requireNonNull(form, "form");
        }
    }

    public static Dispatch dispatch(String httpMethod, byte[] body) {
        return dispatch(httpMethod, body, FormData.MAX_CLIENT_ENDPOINT_REQUEST_SIZE);
    }

    /**
     * @param maxRequestSize {@code sv_maxClientEndpointRequestSize}; a body longer than this is refused
     */
    public static Dispatch dispatch(String httpMethod, byte[] body, int maxRequestSize) {
        if (!"POST".equals(httpMethod)) {
            return new Reject(405, NOT_POST_BODY);
        }
        if (body.length > maxRequestSize) {
            return new Reject(200, errorBody("POST data too big"));
        }
        FormData form = FormData.decode(body);
        Optional<String> method = form.get("method");
        if (method.isEmpty()) {
            return new Reject(200, errorBody("missing method"));
        }
        Optional<ClientMethod> m = ClientMethod.fromWire(method.get());
        if (m.isEmpty()) {
            return new Reject(200, errorBody("invalid method"));
        }
        return new Route(m.get(), form);
    }

    /** {@code {"error":"<text>"}} without CRLF, as the dispatcher's {@code endError} writes it. */
    public static String errorBody(String text) {
        Map<String, Object> o = FxJson.object();
        o.put("error", text);
        return FxJson.dump(o);
    }
}
