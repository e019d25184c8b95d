package io.gatehouse.hytale.protocol.registry;

import java.util.Optional;

/** The wire generations this module speaks, chosen by the ALPN the QUIC handshake negotiated. */
public enum ProtocolVersion {
    /** Servers 2026.01.13–01.17: Connect carries the 64-char protocol hash. */
    V1("hytale/1"),
    /** Servers since 2026.01.24; this module's layouts are build 20 (2026.02.17). */
    V2("hytale/2");

    private final String alpn;

    ProtocolVersion(String alpn) {
        this.alpn = alpn;
    }

    public String alpn() {
        return alpn;
    }

    public static Optional<ProtocolVersion> fromAlpn(String alpn) {
        for (ProtocolVersion v : values()) {
            if (v.alpn.equals(alpn)) {
                return Optional.of(v);
            }
        }
        return Optional.empty();
    }
}
