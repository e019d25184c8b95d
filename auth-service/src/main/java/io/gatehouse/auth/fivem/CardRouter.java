package io.gatehouse.auth.fivem;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Routes {@code submitCard} answers to the deferral waiting for them ({@code ClientDeferral::HandleCardResponse}).
 * Keyed by a SHA-256 of the connection token, so the map holds no tokens and lookups leak no timing about them.
 * Per auth instance: a split deployment with several auth instances needs sticky routing of {@code /client} by token.
 */
public final class CardRouter {

    private final Map<String, CompletableFuture<String>> waiting = new ConcurrentHashMap<>();

    /** Waits for the next card answer of this token; a card presented earlier is cancelled. */
    public CompletableFuture<String> await(String token) {
        CompletableFuture<String> f = new CompletableFuture<>();
        CompletableFuture<String> previous = waiting.put(digest(token), f);
        if (previous != null) {
            previous.cancel(false);
        }
        return f;
    }

    /** Delivers a card answer; false when no card of this token is waiting. */
    public boolean submit(String token, String data) {
        CompletableFuture<String> f = waiting.remove(digest(token));
        return f != null && f.complete(data);
    }

    public void forget(String token) {
        CompletableFuture<String> f = waiting.remove(digest(token));
        if (f != null) {
            f.cancel(false);
        }
    }

    public int size() {
        return waiting.size();
    }

    static String digest(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
