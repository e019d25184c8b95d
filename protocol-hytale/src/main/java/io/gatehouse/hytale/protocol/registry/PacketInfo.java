package io.gatehouse.hytale.protocol.registry;

/**
 * One row of the official packet registry: {@code fixedBlockSize} is the minimum payload, {@code maxSize} the maximum
 * uncompressed payload, {@code compressed} the static zstd flag (there is no per-frame flag on the wire).
 */
public record PacketInfo(int id, String name, Direction direction, NetworkChannel channel, int fixedBlockSize,
                         int maxSize, boolean compressed) {
}
