package io.gatehouse.hytale.protocol.registry;

import io.gatehouse.hytale.protocol.ProtocolConstants;
import io.gatehouse.hytale.protocol.ProtocolException;
import io.gatehouse.hytale.protocol.packet.Packet;
import io.gatehouse.hytale.protocol.packet.UnknownPacket;
import io.netty.buffer.ByteBuf;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * The packets one side receives (its direction) for one protocol version: id ↔ packet class and decoder, plus the
 * version's catalogue for the size limit and zstd flag of every id. Immutable once built; a connection swaps the
 * whole registry (see {@code CodecState}) when ALPN picks the version.
 *
 * <p>Ids without a decoder here — unmodelled packets, or packets of the other direction — decode as
 * {@link UnknownPacket}; the connection's state handler decides whether that is acceptable.
 */
public final class PacketRegistry {

    private record Entry<T extends Packet>(int id, Class<T> type, PayloadDecoder<T> decoder) {
    }

    private final ProtocolVersion version;
    private final Direction direction;
    private final PacketCatalog catalog;
    private final Map<Integer, Entry<?>> byId;
    private final Map<Class<?>, Integer> idByType;

    private PacketRegistry(Builder builder) {
        this.version = builder.version;
        this.direction = builder.direction;
        this.catalog = builder.catalog;
        this.byId = Map.copyOf(builder.byId);
        this.idByType = Map.copyOf(builder.idByType);
    }

    public static Builder builder(ProtocolVersion version, Direction direction, PacketCatalog catalog) {
        return new Builder(version, direction, catalog);
    }

    public ProtocolVersion version() {
        return version;
    }

    public Direction direction() {
        return direction;
    }

    /** The catalogue row for {@code id}, or null if this version has no such packet. */
    public PacketInfo info(int id) {
        return catalog.byId(id);
    }

    /** Largest uncompressed payload allowed for {@code id}; ids the catalogue lacks get the protocol maximum. */
    public int maxPayloadSize(int id) {
        PacketInfo info = catalog.byId(id);
        return info != null ? info.maxSize() : ProtocolConstants.MAX_PACKET_SIZE;
    }

    /** The static zstd flag of {@code id}; ids the catalogue lacks are never compressed. */
    public boolean isCompressed(int id) {
        PacketInfo info = catalog.byId(id);
        return info != null && info.compressed();
    }

    public NetworkChannel channel(int id) {
        PacketInfo info = catalog.byId(id);
        return info != null ? info.channel() : NetworkChannel.DEFAULT;
    }

    /** Whether {@code id} has a typed decoder in this registry. */
    public boolean isRegistered(int id) {
        return byId.containsKey(id);
    }

    public Class<? extends Packet> typeOf(int id) {
        Entry<?> entry = byId.get(id);
        return entry != null ? entry.type() : null;
    }

    public Set<Integer> registeredIds() {
        return new TreeSet<>(byId.keySet());
    }

    /**
     * Decodes one uncompressed payload. Throws only {@link ProtocolException}: anything else a decoder might throw on
     * hostile input is wrapped, so callers can rely on one failure type.
     */
    public Packet decode(int id, ByteBuf payload) {
        Entry<?> entry = byId.get(id);
        try {
            return entry != null ? entry.decoder().decode(payload) : UnknownPacket.decode(id, payload);
        } catch (ProtocolException e) {
            throw e;
        } catch (RuntimeException e) {
            String name = entry != null ? entry.type().getSimpleName() : "packet " + id;
            throw new ProtocolException("Malformed " + name + ": " + e, e);
        }
    }

    /**
     * The id to frame {@code packet} with. A modelled packet must be registered here: that stops, for example, a v2
     * Connect from being written on a v1 connection, or a client-bound packet from being sent to the server.
     */
    public int idFor(Packet packet) {
        if (packet instanceof UnknownPacket unknown) {
            return unknown.id();
        }
        Integer id = idByType.get(packet.getClass());
        if (id == null) {
            throw new ProtocolException(packet.getClass().getSimpleName() + " is not a " + direction + " packet of "
                    + version);
        }
        return id;
    }

    @Override
    public String toString() {
        return "PacketRegistry[" + version + " " + direction + ", " + byId.size() + " typed packets]";
    }

    public static final class Builder {
        private final ProtocolVersion version;
        private final Direction direction;
        private final PacketCatalog catalog;
        private final Map<Integer, Entry<?>> byId = new HashMap<>();
        private final Map<Class<?>, Integer> idByType = new HashMap<>();

        private Builder(ProtocolVersion version, Direction direction, PacketCatalog catalog) {
            if (direction == Direction.BOTH) {
                throw new IllegalArgumentException("A registry serves one direction");
            }
            this.version = Objects.requireNonNull(version);
            this.direction = direction;
            this.catalog = Objects.requireNonNull(catalog);
        }

        /** Fails fast on a duplicate id or class, an id missing from the catalogue, or the wrong direction. */
        public <T extends Packet> Builder register(int id, Class<T> type, PayloadDecoder<T> decoder) {
            PacketInfo info = catalog.byId(id);
            if (info == null) {
                throw new IllegalStateException("Packet id " + id + " (" + type.getSimpleName() + ") is not in the "
                        + version + " catalogue");
            }
            if (!info.direction().includes(direction)) {
                throw new IllegalStateException(type.getSimpleName() + " (id " + id + ") is " + info.direction()
                        + ", not " + direction);
            }
            Entry<?> existing = byId.get(id);
            if (existing != null) {
                throw new IllegalStateException("Duplicate packet id " + id + ": " + type.getSimpleName()
                        + " conflicts with " + existing.type().getSimpleName());
            }
            Integer existingId = idByType.get(type);
            if (existingId != null) {
                throw new IllegalStateException(type.getSimpleName() + " already registered as id " + existingId);
            }
            byId.put(id, new Entry<>(id, type, Objects.requireNonNull(decoder)));
            idByType.put(type, id);
            return this;
        }

        public PacketRegistry build() {
            return new PacketRegistry(this);
        }
    }
}
