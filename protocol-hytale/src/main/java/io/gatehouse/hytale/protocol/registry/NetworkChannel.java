package io.gatehouse.hytale.protocol.registry;

/**
 * {@code protocol/NetworkChannel.java} (build 20): the QUIC stream a packet travels on. Chunks and WorldMap packets
 * use the two server-opened unidirectional streams; everything else, and every packet in v1, uses the client's
 * bidirectional stream.
 */
public enum NetworkChannel {
    DEFAULT, CHUNKS, WORLD_MAP
}
