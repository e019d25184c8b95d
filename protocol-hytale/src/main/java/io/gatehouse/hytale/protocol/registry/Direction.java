package io.gatehouse.hytale.protocol.registry;

/** Who receives a packet. {@link #BOTH} only appears in the catalogue, never as a registry's direction. */
public enum Direction {
    TO_SERVER, TO_CLIENT, BOTH;

    public boolean includes(Direction other) {
        return this == BOTH || this == other;
    }
}
