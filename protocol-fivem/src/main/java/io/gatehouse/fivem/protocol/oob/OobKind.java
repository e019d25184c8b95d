package io.gatehouse.fivem.protocol.oob;

/** How FXServer's UDP demultiplexer ({@code WithOutOfBandImpl}) treats a datagram. */
public enum OobKind {
    /** Does not start with {@code FF FF FF FF}: hand to the UDP interceptors, then ENet. */
    NOT_OOB,
    /** OOB prefix but empty, or the key is empty (text starts with ' ' or '\n'): consumed silently. */
    SWALLOWED,
    GETINFO,
    GETSTATUS,
    RCON,
    /** OOB prefix with a key no handler knows: "not handled", so it falls through to ENet (where it is garbage). */
    UNHANDLED
}
