package io.gatehouse.hytale.protocol.packet.connection;

import io.gatehouse.hytale.protocol.io.Bytes;
import io.gatehouse.hytale.protocol.packet.Packet;
import io.gatehouse.hytale.protocol.types.HostAddress;
import java.util.UUID;

/**
 * Connect (id 0, client → server). Two wire layouts share the id: {@link ConnectV1} on ALPN {@code hytale/1}
 * (64-char protocol hash) and {@link ConnectV2} on {@code hytale/2} (CRC, build number, client version). The
 * registry of the negotiated version picks the layout; handlers can treat both through this interface.
 */
public sealed interface Connect extends Packet permits ConnectV1, ConnectV2 {

    int ID = 0;

    ClientType clientType();

    UUID uuid();

    String username();

    /** The client's identity JWT, or null for the insecure/development flow. */
    String identityToken();

    /** Null only in v1, where the field is optional; the official server then assumes "en-US". */
    String language();

    Bytes referralData();

    HostAddress referralSource();

    @Override
    default int id() {
        return ID;
    }
}
