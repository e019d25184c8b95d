package io.gatehouse.hytale.protocol.netty;

import io.gatehouse.hytale.protocol.registry.Direction;
import io.gatehouse.hytale.protocol.registry.PacketRegistries;
import io.gatehouse.hytale.protocol.registry.PacketRegistry;
import io.gatehouse.hytale.protocol.registry.ProtocolVersion;
import java.util.Objects;

/**
 * The registries one stream's codec handlers share: what this side receives and what it sends. Swapping the
 * version (once ALPN is known) changes every handler at once. Written and read on the stream's event loop; volatile
 * so a swap made elsewhere before the first read is still seen.
 */
public final class CodecState {

    /** Which end of the connection this pipeline is. */
    public enum Side {
        /** Receives to-server packets, sends to-client packets (the gateway). */
        SERVER,
        /** Receives to-client packets, sends to-server packets (the bot, test clients). */
        CLIENT
    }

    private final Side side;
    private volatile PacketRegistry inbound;
    private volatile PacketRegistry outbound;

    private CodecState(Side side, ProtocolVersion version) {
        this.side = Objects.requireNonNull(side);
        use(version);
    }

    public static CodecState server(ProtocolVersion version) {
        return new CodecState(Side.SERVER, version);
    }

    public static CodecState client(ProtocolVersion version) {
        return new CodecState(Side.CLIENT, version);
    }

    public Side side() {
        return side;
    }

    public ProtocolVersion version() {
        return inbound.version();
    }

    public PacketRegistry inbound() {
        return inbound;
    }

    public PacketRegistry outbound() {
        return outbound;
    }

    /** Switches both directions to {@code version}'s registries. */
    public void use(ProtocolVersion version) {
        Direction in = side == Side.SERVER ? Direction.TO_SERVER : Direction.TO_CLIENT;
        Direction out = side == Side.SERVER ? Direction.TO_CLIENT : Direction.TO_SERVER;
        use(PacketRegistries.of(version, in), PacketRegistries.of(version, out));
    }

    /** Installs custom registries, e.g. for a newer build with extra packets. */
    public void use(PacketRegistry inbound, PacketRegistry outbound) {
        this.inbound = Objects.requireNonNull(inbound);
        this.outbound = Objects.requireNonNull(outbound);
    }
}
