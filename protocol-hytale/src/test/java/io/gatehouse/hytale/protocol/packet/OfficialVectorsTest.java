package io.gatehouse.hytale.protocol.packet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gatehouse.hytale.protocol.ProtocolConstants;
import io.gatehouse.hytale.protocol.ProtocolException;
import io.gatehouse.hytale.protocol.Vectors;
import io.gatehouse.hytale.protocol.Vectors.Vector;
import io.gatehouse.hytale.protocol.io.Bytes;
import io.gatehouse.hytale.protocol.netty.CodecLimits;
import io.gatehouse.hytale.protocol.netty.CodecState;
import io.gatehouse.hytale.protocol.netty.HytaleCodec;
import io.gatehouse.hytale.protocol.packet.auth.AuthGrant;
import io.gatehouse.hytale.protocol.packet.auth.AuthToken;
import io.gatehouse.hytale.protocol.packet.auth.ClientReferral;
import io.gatehouse.hytale.protocol.packet.auth.ConnectAccept;
import io.gatehouse.hytale.protocol.packet.auth.PasswordAccepted;
import io.gatehouse.hytale.protocol.packet.auth.PasswordRejected;
import io.gatehouse.hytale.protocol.packet.auth.PasswordResponse;
import io.gatehouse.hytale.protocol.packet.auth.ServerAuthToken;
import io.gatehouse.hytale.protocol.packet.connection.ClientType;
import io.gatehouse.hytale.protocol.packet.connection.ConnectV1;
import io.gatehouse.hytale.protocol.packet.connection.ConnectV2;
import io.gatehouse.hytale.protocol.packet.connection.Disconnect;
import io.gatehouse.hytale.protocol.packet.connection.DisconnectType;
import io.gatehouse.hytale.protocol.packet.connection.Ping;
import io.gatehouse.hytale.protocol.packet.connection.Pong;
import io.gatehouse.hytale.protocol.packet.connection.PongType;
import io.gatehouse.hytale.protocol.packet.join.ClientReady;
import io.gatehouse.hytale.protocol.packet.join.JoinWorld;
import io.gatehouse.hytale.protocol.packet.join.SetClientId;
import io.gatehouse.hytale.protocol.packet.setup.AssetFinalize;
import io.gatehouse.hytale.protocol.packet.setup.AssetInitialize;
import io.gatehouse.hytale.protocol.packet.setup.AssetPart;
import io.gatehouse.hytale.protocol.packet.setup.RequestAssets;
import io.gatehouse.hytale.protocol.packet.setup.ServerInfo;
import io.gatehouse.hytale.protocol.packet.setup.ViewRadius;
import io.gatehouse.hytale.protocol.packet.setup.WorldLoadFinished;
import io.gatehouse.hytale.protocol.packet.setup.WorldSettings;
import io.gatehouse.hytale.protocol.registry.Direction;
import io.gatehouse.hytale.protocol.registry.PacketRegistries;
import io.gatehouse.hytale.protocol.registry.PacketRegistry;
import io.gatehouse.hytale.protocol.registry.ProtocolVersion;
import io.gatehouse.hytale.protocol.types.Asset;
import io.gatehouse.hytale.protocol.types.HostAddress;
import io.gatehouse.hytale.protocol.types.InstantData;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every vector of hytale-vectors.md §A (build 20, also valid for build 2 and, Connect aside, v1) and §B (v1 Connect):
 * the payload decodes to the expected fields, re-encodes byte for byte, and the full frame passes the Netty codec in
 * both directions. §C is protocol v3 (hytale/3), which this module does not speak; see {@link #sectionCIsV3Only()}.
 */
class OfficialVectorsTest {

    static final UUID UUID_1 = UUID.fromString("123e4567-e89b-12d3-a456-426614174000");
    static final Bytes CHALLENGE = Bytes.of(bytes(IntStream.range(0, 32)));
    static final String EMPTY_HASH_AS_IN_VECTOR = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7855b852";
    static final Asset EMPTY_ASSET = new Asset(EMPTY_HASH_AS_IN_VECTOR, "Common/empty.bin");

    /** Vector title → expected packet (records compare field by field). */
    static final Map<String, Packet> EXPECTED = new LinkedHashMap<>();

    static {
        EXPECTED.put("Connect (build 20, CRC -1356075132) - dev/insecure: no identityToken",
                new ConnectV2(-1356075132, 20, "bot", ClientType.GAME, UUID_1, "Alice", null, "en", null, null));
        EXPECTED.put("Connect (build 20) - with identityToken 'eyJ.x.y' and referral",
                new ConnectV2(-1356075132, 20, "2026.02.17-255364b8e", ClientType.GAME, UUID_1, "Alice", "eyJ.x.y",
                        "en-US", Bytes.of((byte) 1, (byte) 2, (byte) 3, (byte) 4), new HostAddress("lobby.example.com", 5520)));
        EXPECTED.put("Connect (build 2, CRC 1789265863) - Editor client, identity token",
                new ConnectV2(1789265863, 2, "1.0.0", ClientType.EDITOR, UUID_1, "Bob", "tok", "de", null, null));
        EXPECTED.put("Disconnect reason='Bye' type=Disconnect", new Disconnect("Bye", DisconnectType.DISCONNECT));
        EXPECTED.put("Disconnect reason=null type=Crash", new Disconnect(null, DisconnectType.CRASH));
        EXPECTED.put("AuthGrant grant='GRANT' serverIdentityToken='SIT'", new AuthGrant("GRANT", "SIT"));
        EXPECTED.put("AuthGrant both null", new AuthGrant(null, null));
        EXPECTED.put("AuthToken accessToken='AT' serverAuthorizationGrant='SAG'", new AuthToken("AT", "SAG"));
        EXPECTED.put("ServerAuthToken serverAccessToken='SAT' passwordChallenge=00..1f", new ServerAuthToken("SAT", CHALLENGE));
        EXPECTED.put("ServerAuthToken serverAccessToken='SAT' no challenge", new ServerAuthToken("SAT", null));
        EXPECTED.put("ConnectAccept passwordChallenge=00..1f", new ConnectAccept(CHALLENGE));
        EXPECTED.put("ConnectAccept no challenge", new ConnectAccept(null));
        EXPECTED.put("PasswordResponse hash=SHA256(challenge 00..1f || UTF8('hunter2'))", new PasswordResponse(Bytes.of(
                HexFormat.of().parseHex("a4b33000b399abdf65691fba747f10a6b90ac9fe34786d6cdc596567a5e8829c"))));
        EXPECTED.put("PasswordAccepted", PasswordAccepted.INSTANCE);
        EXPECTED.put("PasswordRejected newChallenge=00..1f attemptsRemaining=2", new PasswordRejected(CHALLENGE, 2));
        EXPECTED.put("ClientReferral hostTo=play.example.com:5520 data=[0xAA,0xBB]",
                new ClientReferral(new HostAddress("play.example.com", 5520), Bytes.of((byte) 0xAA, (byte) 0xBB)));
        EXPECTED.put("WorldSettings worldHeight=320 requiredAssets=[1 asset]", new WorldSettings(320, List.of(EMPTY_ASSET)));
        EXPECTED.put("RequestAssets assets=[] (what the stress-test Bot sends)", new RequestAssets(List.of()));
        EXPECTED.put("AssetInitialize asset=(sha256(empty), 'Common/empty.bin') size=0", new AssetInitialize(EMPTY_ASSET, 0));
        EXPECTED.put("AssetPart part=[de ad be ef]", new AssetPart(Bytes.of(HexFormat.of().parseHex("deadbeef"))));
        EXPECTED.put("AssetFinalize", AssetFinalize.INSTANCE);
        EXPECTED.put("WorldLoadFinished", WorldLoadFinished.INSTANCE);
        EXPECTED.put("ViewRadius value=192", new ViewRadius(192));
        EXPECTED.put("ServerInfo serverName='Srv' motd='Hi' maxPlayers=100", new ServerInfo("Srv", "Hi", 100));
        EXPECTED.put("SetClientId clientId=42", new SetClientId(42));
        EXPECTED.put("JoinWorld clearWorld=true fadeInOut=true worldUuid=123e4567-...", new JoinWorld(true, true, UUID_1));
        EXPECTED.put("ClientReady readyForChunks=true readyForGameplay=false", new ClientReady(true, false));
        EXPECTED.put("ClientReady readyForChunks=true readyForGameplay=true", new ClientReady(true, true));
        EXPECTED.put("Ping id=7 time={seconds=1700000000,nanos=5} last=(1,2,3)",
                new Ping(7, new InstantData(1_700_000_000L, 5), 1, 2, 3));
        EXPECTED.put("Pong id=7 time={1700000000,5} type=Direct queue=0",
                new Pong(7, new InstantData(1_700_000_000L, 5), PongType.DIRECT, (short) 0));
        EXPECTED.put("Disconnect sent by server on ALPN < hytale/2 (then QUIC app close code 5 after 100 ms)",
                Disconnect.withReason("Your game client needs to be updated."));
        EXPECTED.put("Disconnect sent on read timeout (then QUIC app close code 4)", Disconnect.withReason("Read timeout"));
        EXPECTED.put("v1 Connect (hytale/1, protocolHash 6708f1...) language='en', no identity token",
                new ConnectV1(ProtocolConstants.V1_PROTOCOL_HASH, ClientType.GAME, UUID_1, "en", null, "Alice", null, null));
        EXPECTED.put("v1 Connect identityToken='eyJ.x.y', language absent",
                new ConnectV1(ProtocolConstants.V1_PROTOCOL_HASH, ClientType.GAME, UUID_1, null, "eyJ.x.y", "Alice", null, null));
    }

    static Stream<Vector> sectionsAB() {
        return Vectors.all().stream().filter(v -> !v.section().equals("C"));
    }

    @Test
    void everyVectorOfSectionsAAndBHasAnExpectation() {
        assertThat(sectionsAB().map(Vector::title)).containsExactlyInAnyOrderElementsOf(EXPECTED.keySet());
        assertThat(EXPECTED).hasSize(34);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("sectionsAB")
    void payloadDecodesToTheDocumentedFieldsAndReencodesByteForByte(Vector vector) {
        Packet expected = EXPECTED.get(vector.title());
        PacketRegistry registry = receiverRegistry(vector, expected);

        Packet decoded = registry.decode(expected.id(), Unpooled.wrappedBuffer(vector.payload()));

        assertThat(decoded).isEqualTo(expected);
        assertThat(encode(decoded)).isEqualTo(vector.payload());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("sectionsAB")
    void fullFrameRoundTripsThroughTheNettyCodec(Vector vector) {
        Packet expected = EXPECTED.get(vector.title());
        PacketRegistry receiver = receiverRegistry(vector, expected);
        ProtocolVersion version = receiver.version();
        boolean toServer = receiver.direction() == Direction.TO_SERVER;
        EmbeddedChannel receiving = new EmbeddedChannel();
        HytaleCodec.install(receiving.pipeline(), toServer ? CodecState.server(version) : CodecState.client(version),
                CodecLimits.OFFICIAL, null);
        EmbeddedChannel sending = new EmbeddedChannel();
        HytaleCodec.install(sending.pipeline(), toServer ? CodecState.client(version) : CodecState.server(version),
                CodecLimits.OFFICIAL, null);

        assertThat(receiving.writeInbound(Unpooled.wrappedBuffer(vector.frame()))).isTrue();
        assertThat((Object) receiving.readInbound()).isEqualTo(expected);

        assertThat(sending.writeOutbound(expected)).isTrue();
        ByteBuf written = sending.readOutbound();
        try {
            // zstd-jni 1.5.7 at level 3 reproduces the vectors' compressed frames exactly as well
            assertThat(ByteBufUtil.getBytes(written)).isEqualTo(vector.frame());
        } finally {
            written.release();
        }
        assertThat(receiving.finishAndReleaseAll()).isFalse();
        assertThat(sending.finishAndReleaseAll()).isFalse();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("sectionsAB")
    void everyTruncationIsRefusedWithAProtocolExceptionOrDecodes(Vector vector) {
        Packet expected = EXPECTED.get(vector.title());
        PacketRegistry registry = receiverRegistry(vector, expected);
        for (int len = 0; len < vector.payload().length; len++) {
            ByteBuf prefix = Unpooled.wrappedBuffer(vector.payload(), 0, len);
            try {
                registry.decode(expected.id(), prefix);
            } catch (ProtocolException refused) {
                // the only acceptable failure
            }
        }
    }

    @Test
    void sectionAPacketsOtherThanConnectAreAlsoValidV1() {
        sectionsAB().filter(v -> v.section().equals("A") && !(EXPECTED.get(v.title()) instanceof ConnectV2)).forEach(v -> {
            Packet expected = EXPECTED.get(v.title());
            Direction direction = PacketRegistries.V2_TO_SERVER.isRegistered(expected.id())
                    && PacketRegistries.V2_TO_SERVER.typeOf(expected.id()) == expected.getClass()
                    ? Direction.TO_SERVER : Direction.TO_CLIENT;
            PacketRegistry v1 = PacketRegistries.of(ProtocolVersion.V1, direction);
            assertThat(v1.decode(expected.id(), Unpooled.wrappedBuffer(v.payload()))).as(v.title()).isEqualTo(expected);
        });
    }

    @Test
    void sectionCIsV3Only() {
        // Section C (ALPN hytale/3, DERIVED, never round-tripped by official code) drops uuid/username from Connect;
        // this module does not speak v3, and its v2 decoder must refuse such a payload rather than misread it.
        List<Vector> c = Vectors.all().stream().filter(v -> v.section().equals("C")).toList();
        assertThat(c).hasSize(2);
        for (Vector v : c) {
            assertThatThrownBy(() -> PacketRegistries.V2_TO_SERVER.decode(0, Unpooled.wrappedBuffer(v.payload())))
                    .as(v.title()).isInstanceOf(ProtocolException.class);
        }
    }

    static PacketRegistry receiverRegistry(Vector vector, Packet expected) {
        ProtocolVersion version = vector.section().equals("B") ? ProtocolVersion.V1 : ProtocolVersion.V2;
        PacketRegistry toServer = PacketRegistries.of(version, Direction.TO_SERVER);
        return toServer.typeOf(expected.id()) == expected.getClass()
                ? toServer : PacketRegistries.of(version, Direction.TO_CLIENT);
    }

    static byte[] encode(Packet packet) {
        ByteBuf buf = Unpooled.buffer();
        packet.encode(buf);
        return ByteBufUtil.getBytes(buf);
    }

    static byte[] bytes(IntStream values) {
        int[] ints = values.toArray();
        byte[] out = new byte[ints.length];
        for (int i = 0; i < ints.length; i++) {
            out[i] = (byte) ints[i];
        }
        return out;
    }
}
