package io.gatehouse.fivem.protocol.http;

import java.util.Optional;

/** The {@code method} values FXServer's {@code /client} endpoint registers (exact, case-sensitive). */
public enum ClientMethod {
    INIT_CONNECT("initConnect"),
    GET_ENDPOINTS("getEndpoints"),
    SUBMIT_CARD("submitCard"),
    GET_CONFIGURATION("getConfiguration");

    private final String wireName;

    ClientMethod(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    public static Optional<ClientMethod> fromWire(String name) {
        for (ClientMethod m : values()) {
            if (m.wireName.equals(name)) {
                return Optional.of(m);
            }
        }
        return Optional.empty();
    }
}
