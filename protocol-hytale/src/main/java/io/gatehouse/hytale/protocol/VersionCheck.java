package io.gatehouse.hytale.protocol;

import io.gatehouse.hytale.protocol.packet.connection.Connect;
import io.gatehouse.hytale.protocol.packet.connection.ConnectV1;
import io.gatehouse.hytale.protocol.packet.connection.ConnectV2;
import io.gatehouse.hytale.protocol.packet.connection.Disconnect;
import java.util.Optional;

/**
 * Whether a Connect's protocol identity is one this edge accepts, and if not how the official server answers.
 * The accepted v2 CRC and build are configuration (default: build 20).
 *
 * @param acceptedCrc   the only CRC accepted on hytale/2 (the official server compares nothing else)
 * @param acceptedBuild decides CLIENT_OUTDATED (client build lower) vs SERVER_OUTDATED on a CRC mismatch
 * @param v1Hash        the protocol hash accepted on hytale/1
 */
public record VersionCheck(int acceptedCrc, int acceptedBuild, String v1Hash) {

    public static final VersionCheck DEFAULT =
            new VersionCheck(ProtocolConstants.V2_BUILD_20_CRC, ProtocolConstants.V2_BUILD_20, ProtocolConstants.V1_PROTOCOL_HASH);

    /**
     * How to turn a client away. v2: {@code closeCode} 5 or 6 with no Disconnect packet (the QUIC reason phrase is the
     * server version string); v1: an in-band Disconnect, then a normal close.
     */
    public record Rejection(Optional<Disconnect> disconnect, ApplicationCloseCode closeCode) {
    }

    /** Empty if the client may proceed. */
    public Optional<Rejection> check(Connect connect) {
        if (connect instanceof ConnectV2 v2) {
            if (v2.protocolCrc() == acceptedCrc) {
                return Optional.empty();
            }
            ApplicationCloseCode code = v2.protocolBuildNumber() < acceptedBuild
                    ? ApplicationCloseCode.CLIENT_OUTDATED : ApplicationCloseCode.SERVER_OUTDATED;
            return Optional.of(new Rejection(Optional.empty(), code));
        }
        ConnectV1 v1 = (ConnectV1) connect;
        if (v1.protocolHash().equals(v1Hash)) {
            return Optional.empty();
        }
        return Optional.of(new Rejection(
                Optional.of(Disconnect.withReason(DisconnectReasons.incompatibleProtocol(v1Hash, v1.protocolHash()))),
                ApplicationCloseCode.NO_ERROR));
    }
}
