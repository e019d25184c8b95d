package io.gatehouse.fivem.protocol.http;

import io.gatehouse.fivem.protocol.json.FxJson;
import java.util.List;
import java.util.Map;

/**
 * The streamed initConnect documents, each {@code json + "\r\n"} ({@code ClientHttpHandler.cpp}): deferral progress,
 * keep-alives, adaptive cards, and the final error. The final success is {@link InitConnect#successChunk}.
 */
public final class DeferralChunks {

    /** FXServer re-sends a {@code "message":null} keep-alive this often while deferred. */
    public static final long KEEP_ALIVE_INTERVAL_MS = 1000;
    public static final int DEFER_VERSION = 2;

    private DeferralChunks() {
    }

    /** {@code {"defer":true,"deferVersion":2,"message":"<text>"}}; an empty text is sent as {@code null}. */
    public static String message(String text) {
        Map<String, Object> o = FxJson.object();
        o.put("defer", true);
        o.put("message", text == null || text.isEmpty() ? null : text);
        o.put("deferVersion", DEFER_VERSION);
        return FxJson.chunk(o);
    }

    /** {@code {"defer":true,"deferVersion":2,"message":null}}. */
    public static String keepAlive() {
        return message(null);
    }

    /** {@code {"card":"<card JSON as a string>","defer":true,"deferVersion":2,"token":"<token>"}}. */
    public static String card(String cardJson, String token) {
        Map<String, Object> o = FxJson.object();
        o.put("defer", true);
        o.put("card", cardJson);
        o.put("token", token);
        o.put("deferVersion", DEFER_VERSION);
        return FxJson.chunk(o);
    }

    /** {@code {"error":"<reason>"}}, the final reject. */
    public static String error(String reason) {
        Map<String, Object> o = FxJson.object();
        o.put("error", reason);
        return FxJson.chunk(o);
    }

    /** One pending deferral: the resource's description and its latest message. */
    public record Pending(String resourceDescription, String message) {
    }

    /** The deferral text when several resources defer: {@code "<description>: <message>\n"} for each. */
    public static String joinMessages(List<Pending> pending) {
        StringBuilder sb = new StringBuilder();
        for (Pending p : pending) {
            sb.append(p.resourceDescription()).append(": ").append(p.message()).append('\n');
        }
        return sb.toString();
    }
}
