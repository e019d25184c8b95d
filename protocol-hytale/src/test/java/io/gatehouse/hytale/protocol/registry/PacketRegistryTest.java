package io.gatehouse.hytale.protocol.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gatehouse.hytale.protocol.ProtocolConstants;
import io.gatehouse.hytale.protocol.ProtocolException;
import io.gatehouse.hytale.protocol.Vectors;
import io.gatehouse.hytale.protocol.packet.UnknownPacket;
import io.gatehouse.hytale.protocol.packet.auth.AuthGrant;
import io.gatehouse.hytale.protocol.packet.connection.ClientType;
import io.gatehouse.hytale.protocol.packet.connection.ConnectV1;
import io.gatehouse.hytale.protocol.packet.connection.ConnectV2;
import io.gatehouse.hytale.protocol.packet.connection.Disconnect;
import io.gatehouse.hytale.protocol.packet.connection.Ping;
import io.gatehouse.hytale.protocol.packet.setup.WorldLoadProgress;
import io.gatehouse.hytale.protocol.packet.setup.WorldLoadProgressV1;
import io.gatehouse.hytale.protocol.packet.Packet;
import io.gatehouse.hytale.protocol.packet.setup.PlayerOptions;
import io.gatehouse.hytale.protocol.packet.setup.RequestCommonAssetsRebuild;
import io.gatehouse.hytale.protocol.packet.setup.ServerTags;
import io.gatehouse.hytale.protocol.types.FormattedMessage;
import io.gatehouse.hytale.protocol.types.PlayerSkin;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PacketRegistryTest {

    @Test
    void duplicateIdFailsFast() {
        PacketRegistry.Builder builder = PacketRegistry.builder(ProtocolVersion.V2, Direction.TO_CLIENT, PacketCatalog.V2_BUILD_20)
                .register(1, Disconnect.class, Disconnect::decode);
        assertThatThrownBy(() -> builder.register(1, Ping.class, Ping::decode))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("Duplicate packet id 1");
    }

    @Test
    void duplicateClassFailsFast() {
        PacketRegistry.Builder builder = PacketRegistry.builder(ProtocolVersion.V2, Direction.TO_CLIENT, PacketCatalog.V2_BUILD_20)
                .register(1, Disconnect.class, Disconnect::decode);
        assertThatThrownBy(() -> builder.register(2, Disconnect.class, Disconnect::decode))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("already registered as id 1");
    }

    @Test
    void idsOutsideTheCatalogueOrOfTheOtherDirectionFailFast() {
        PacketRegistry.Builder builder = PacketRegistry.builder(ProtocolVersion.V2, Direction.TO_SERVER, PacketCatalog.V2_BUILD_20);
        assertThatThrownBy(() -> builder.register(10, Disconnect.class, Disconnect::decode))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("not in the V2 catalogue");
        assertThatThrownBy(() -> builder.register(AuthGrant.ID, AuthGrant.class, AuthGrant::decode))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("TO_CLIENT");
    }

    @Test
    void eachVersionPicksItsOwnLayouts() {
        assertThat(PacketRegistries.V1_TO_SERVER.typeOf(0)).isEqualTo(ConnectV1.class);
        assertThat(PacketRegistries.V2_TO_SERVER.typeOf(0)).isEqualTo(ConnectV2.class);
        assertThat(PacketRegistries.V1_TO_CLIENT.typeOf(21)).isEqualTo(WorldLoadProgressV1.class);
        assertThat(PacketRegistries.V2_TO_CLIENT.typeOf(21)).isEqualTo(WorldLoadProgress.class);
        assertThat(PacketRegistries.V1_TO_SERVER.maxPayloadSize(0)).isEqualTo(38_161);
        assertThat(PacketRegistries.V2_TO_SERVER.maxPayloadSize(0)).isEqualTo(38_013);

        ConnectV2 v2 = new ConnectV2(ProtocolConstants.V2_BUILD_20_CRC, 20, "bot", ClientType.GAME, new UUID(1, 2), "Alice",
                null, "en", null, null);
        assertThat(PacketRegistries.V2_TO_SERVER.idFor(v2)).isZero();
        assertThatThrownBy(() -> PacketRegistries.V1_TO_SERVER.idFor(v2))
                .isInstanceOf(ProtocolException.class).hasMessageContaining("not a TO_SERVER packet of V1");
        assertThatThrownBy(() -> PacketRegistries.V2_TO_SERVER.idFor(new AuthGrant(null, null)))
                .isInstanceOf(ProtocolException.class);
    }

    @Test
    void otherDirectionAndUnmodelledIdsDecodeAsUnknownPackets() {
        assertThat(PacketRegistries.V2_TO_SERVER.decode(AuthGrant.ID, Unpooled.wrappedBuffer(Vectors.hex("00 ff ff ff ff ff ff ff ff"))))
                .isInstanceOf(UnknownPacket.class);
        assertThat(PacketRegistries.V2_TO_CLIENT.decode(131, Unpooled.wrappedBuffer(new byte[] {1, 2, 3})))
                .isEqualTo(new UnknownPacket(131, io.gatehouse.hytale.protocol.io.Bytes.of((byte) 1, (byte) 2, (byte) 3)));
        assertThat(PacketRegistries.V2_TO_CLIENT.maxPayloadSize(9999)).isEqualTo(ProtocolConstants.MAX_PACKET_SIZE);
    }

    /** Appendix A (build 20): id, max size, zstd flag, for every packet this module models. */
    @ParameterizedTest
    @CsvSource({"0,38013,false", "1,16384007,false", "2,29,false", "3,20,false", "11,49171,false", "12,49171,false",
            "13,32851,false", "14,70,false", "15,70,false", "16,0,false", "17,74,false", "18,5141,false",
            "20,1677721600,true", "21,1677721600,false", "22,0,false", "23,1677721600,true", "24,2121,false",
            "25,4096006,true", "26,0,false", "28,0,false", "32,4,false", "33,327680184,false", "34,1677721600,false",
            "100,4,false", "104,18,false", "105,2,false", "223,32768023,false"})
    void catalogueMatchesAppendixA(int id, int maxSize, boolean zstd) {
        PacketInfo info = PacketCatalog.V2_BUILD_20.byId(id);
        assertThat(info.maxSize()).isEqualTo(maxSize);
        assertThat(info.compressed()).isEqualTo(zstd);
        PacketRegistry receiver = PacketRegistries.V2_TO_SERVER.isRegistered(id) ? PacketRegistries.V2_TO_SERVER
                : PacketRegistries.V2_TO_CLIENT;
        assertThat(receiver.isRegistered(id)).as("id %d modelled", id).isTrue();
        assertThat(receiver.isCompressed(id)).isEqualTo(zstd);
        // v1 shares the flags; only Connect and WorldLoadProgress change size
        assertThat(PacketCatalog.V1.byId(id).compressed()).isEqualTo(zstd);
    }

    @Test
    void cataloguesHaveTheOfficialPacketCounts() {
        // v1 ProtocolSettings.PACKET_COUNT = 268; build 20's Appendix A lists 264 packets
        assertThat(PacketCatalog.V1.all()).hasSize(268);
        assertThat(PacketCatalog.V2_BUILD_20.all()).hasSize(264);
        assertThat(PacketCatalog.V2_BUILD_20.byId(131).channel()).isEqualTo(NetworkChannel.CHUNKS);
        assertThat(PacketCatalog.V2_BUILD_20.byId(241).channel()).isEqualTo(NetworkChannel.WORLD_MAP);
        assertThat(PacketCatalog.V2_BUILD_20.byId(10)).isNull();
        assertThat(PacketCatalog.V1.byId(10).name()).isEqualTo("Status");
    }

    @Test
    void worldLoadProgressStatusIsAFormattedMessageInBuild20AndAStringBefore() {
        WorldLoadProgress v2 = new WorldLoadProgress(FormattedMessage.translation("client.general.loading"), 50, 25);
        assertThat(roundTrip(PacketRegistries.V2_TO_CLIENT, v2)).isEqualTo(v2);
        WorldLoadProgressV1 v1 = new WorldLoadProgressV1("Loading assets", 50, 25);
        assertThat(roundTrip(PacketRegistries.V1_TO_CLIENT, v1)).isEqualTo(v1);
        assertThatThrownBy(() -> PacketRegistries.V2_TO_CLIENT.idFor(v1)).isInstanceOf(ProtocolException.class);
    }

    @Test
    void setupPacketsWithoutVectorsRoundTrip() {
        ServerTags tags = new ServerTags(new LinkedHashMap<>(Map.of("b", 2)));
        assertThat(roundTrip(PacketRegistries.V2_TO_CLIENT, tags)).isEqualTo(tags);
        assertThat(roundTrip(PacketRegistries.V2_TO_CLIENT, new ServerTags(null))).isEqualTo(new ServerTags(null));
        assertThat(roundTrip(PacketRegistries.V2_TO_CLIENT, RequestCommonAssetsRebuild.INSTANCE))
                .isSameAs(RequestCommonAssetsRebuild.INSTANCE);
        PlayerOptions options = new PlayerOptions(new PlayerSkin(Map.of(PlayerSkin.Part.HAIRCUT, "Short")));
        assertThat(roundTrip(PacketRegistries.V2_TO_SERVER, options)).isEqualTo(options);
        assertThat(roundTrip(PacketRegistries.V1_TO_SERVER, new PlayerOptions(null))).isEqualTo(new PlayerOptions(null));
        Ping noTime = new Ping(1, null, 0, 0, 0);
        assertThat(roundTrip(PacketRegistries.V2_TO_CLIENT, noTime)).isEqualTo(noTime);
    }

    static Packet roundTrip(PacketRegistry registry, Packet packet) {
        ByteBuf buf = Unpooled.buffer();
        packet.encode(buf);
        return registry.decode(registry.idFor(packet), buf);
    }

    @Test
    void alpnSelectsTheVersion() {
        assertThat(ProtocolVersion.fromAlpn("hytale/1")).contains(ProtocolVersion.V1);
        assertThat(ProtocolVersion.fromAlpn("hytale/2")).contains(ProtocolVersion.V2);
        assertThat(ProtocolVersion.fromAlpn("hytale/3")).isEmpty();
    }
}
