package io.gatehouse.hytale.protocol.packet;

/** Keeps tokens out of {@code toString()}, which ends up in logs. */
public final class Secrets {

    private Secrets() {
    }

    public static String redact(String secret) {
        return secret == null ? "null" : "<redacted " + secret.length() + " chars>";
    }
}
