package io.gatehouse.fivem.protocol.net;

import io.gatehouse.fivem.protocol.CStrings;
import io.gatehouse.fivem.protocol.FivemProtocolException;
import java.nio.charset.StandardCharsets;

/**
 * The server's reply to a valid handshake, reliable on channel 0: {@code u32le 1} followed by
 * {@code " %d %d %d %d %lld"} = {@code " <netId> <hostNetId|-1> <hostBase|-1> <slot> <serverTimeMs|-1>"}.
 *
 * @param slot   -1 without OneSync; 128 (GTA5) / 16 (RDR3) in OneSync big mode; the real slot otherwise
 * @param timeMs server {@code msec()} in OneSync, else -1
 */
public record ConnectOk(int netId, int hostId, int hostBase, int slot, long timeMs) {

    public static final int BIG_MODE_SLOT_GTA5 = 128;
    public static final int BIG_MODE_SLOT_RDR3 = 16;

    public byte[] encode() {
        return new LeWriter(40).u32(MessageType.CONNECT_TYPE).ascii(text()).toByteArray();
    }

    public String text() {
        return " " + netId + " " + hostId + " " + hostBase + " " + slot + " " + timeMs;
    }

    /**
     * Client-side parse ({@code NetLibraryImplV2::ProcessPacket}): skip the 4 type bytes and the leading space,
     * split on spaces, {@code atoi}/{@code _strtoi64} each field; a missing slot or time means -1.
     */
    public static ConnectOk decode(byte[] packet) {
        LeReader r = new LeReader(packet);
        if (r.remaining() < 5 || r.u32() != MessageType.CONNECT_TYPE) {
            throw new FivemProtocolException(FivemProtocolException.Kind.MESSAGE, "not a connectOK packet");
        }
        String text = new String(packet, 5, packet.length - 5, StandardCharsets.ISO_8859_1);
        String[] parts = text.split(" ", -1);
        if (parts.length < 3) {
            throw new FivemProtocolException(FivemProtocolException.Kind.MESSAGE, "connectOK has too few fields");
        }
        int netId = CStrings.atoi(parts[0]);
        int hostId = CStrings.atoi(parts[1]);
        int hostBase = CStrings.atoi(parts[2]);
        int slot = parts.length > 3 ? CStrings.atoi(parts[3]) : -1;
        long time = parts.length > 4 ? CStrings.strtol(parts[4]) : -1;
        return new ConnectOk(netId, hostId, hostBase, slot, time);
    }
}
