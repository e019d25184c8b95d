package io.gatehouse.world.fivem.join;

import com.google.protobuf.ByteString;
import io.gatehouse.contracts.world.v1.EnetMessage;
import io.gatehouse.contracts.world.v1.FivemJoinReply;
import io.gatehouse.contracts.world.v1.FivemJoinRequest;
import io.gatehouse.contracts.world.v1.FivemLeaveReply;
import io.gatehouse.contracts.world.v1.FivemLeaveRequest;
import io.gatehouse.contracts.world.v1.FivemObjectIdsRequest;
import io.gatehouse.contracts.world.v1.FivemPlayer;
import io.gatehouse.fivem.protocol.net.ConnectOk;
import io.gatehouse.fivem.protocol.net.NetEvents;
import io.gatehouse.fivem.protocol.net.ObjectIds;
import io.gatehouse.fivem.protocol.net.ServerMessages;
import java.util.List;
import java.util.function.LongSupplier;

/**
 * What the world says to a FiveM player once the registry bound it (reference §5.4–5.5, §6), as ready payloads with
 * their channel and reliability; the gateway only transports them. Pure apart from the object-ID allocator.
 *
 * <p>First join, in FXServer's order: connectOK (ch0), msgObjectIds (ch1, 64 IDs or 4 in big mode), msgConVars
 * (ch0), onPlayerJoining (ch0; non-big: the newcomer to everyone including itself, then every other player to the
 * newcomer; big: only the newcomer to itself with slot 128/16), msgFrame (ch0). A re-bind ({@code reconnect}) gets
 * connectOK with the same IDs and the frame, without join events or new object IDs.
 */
public final class FivemJoinService {

    /** {@code msgFrame} values: no lockdown, default sync style. */
    static final int LOCKDOWN_MODE = 0;
    static final int SYNC_STYLE = 0;
    private static final int NO_HOST = -1;

    private final FivemJoinSettings settings;
    private final ObjectIdAllocator objectIds;
    private final LongSupplier clockMillis;
    private final EnetMessage conVars;
    private final EnetMessage frame;

    public FivemJoinService(FivemJoinSettings settings, ObjectIdAllocator objectIds, LongSupplier clockMillis) {
        this.settings = settings;
        this.objectIds = objectIds;
        this.clockMillis = clockMillis;
        this.conVars = message(0, ServerMessages.conVars(settings.replicatedConVars()));
        this.frame = message(0, ServerMessages.frame(LOCKDOWN_MODE, SYNC_STYLE));
    }

    public FivemJoinReply join(FivemJoinRequest request) {
        requireGuid(request.getGuid());
        if (request.getNetId() == 0 || request.getNetId() >= 0xFFFF) {
            throw new IllegalArgumentException("net_id must be a final net ID (1..65534)");
        }
        int netId = request.getNetId();
        int slot = settings.bigMode() ? settings.bigModeSlot() : request.getSlotId();
        // OneSync: no host (-1 -1) and the server time in ms
        ConnectOk ok = new ConnectOk(netId, NO_HOST, NO_HOST, slot, clockMillis.getAsLong());
        FivemJoinReply.Builder reply = FivemJoinReply.newBuilder().addMessages(message(0, ok.encode()));
        if (request.getReconnect()) {
            return reply.addMessages(frame).build();
        }
        int count = settings.bigMode() ? ObjectIds.INITIAL_COUNT_BIG : ObjectIds.INITIAL_COUNT;
        objectIds.release(request.getGuid()); // a fresh join never inherits a previous life's IDs
        reply.addMessages(objectIdsMessage(objectIds.allocate(request.getGuid(), netId, count)));
        reply.addMessages(conVars);
        String name = request.getName();
        if (settings.bigMode()) {
            reply.addMessages(message(0, NetEvents.onPlayerJoining(netId, name, settings.bigModeSlot())));
        } else {
            byte[] newcomer = NetEvents.onPlayerJoining(netId, name, request.getSlotId());
            reply.addMessages(message(0, newcomer));
            for (FivemPlayer other : request.getOthersList()) {
                if (other.getNetId() != netId) {
                    reply.addMessages(message(0,
                            NetEvents.onPlayerJoining(other.getNetId(), other.getName(), other.getSlotId())));
                }
            }
            reply.addAnnounce(message(0, newcomer));
        }
        return reply.addMessages(frame).build();
    }

    /** {@code RequestObjectIdsPacketHandler}: 6 IDs in big mode, 32 otherwise. */
    public FivemJoinReply requestObjectIds(FivemObjectIdsRequest request) {
        requireGuid(request.getGuid());
        int count = settings.bigMode() ? ObjectIds.REQUEST_REPLY_COUNT_BIG : ObjectIds.REQUEST_REPLY_COUNT;
        return FivemJoinReply.newBuilder()
                .addMessages(objectIdsMessage(objectIds.allocate(request.getGuid(), request.getNetId(), count)))
                .build();
    }

    /**
     * Frees the player's object IDs; non-big mode tells everyone else {@code onPlayerDropped}. The gateway sends Leave
     * after the registry let the session go, so the same guid may have joined again meanwhile (with a new net ID):
     * only the IDs of the life that left (its net ID) are freed.
     */
    public FivemLeaveReply leave(FivemLeaveRequest request) {
        requireGuid(request.getGuid());
        objectIds.release(request.getGuid(), request.getNetId());
        FivemLeaveReply.Builder reply = FivemLeaveReply.newBuilder();
        if (!settings.bigMode() && request.getNetId() != 0) {
            reply.addAnnounce(message(0,
                    NetEvents.onPlayerDropped(request.getNetId(), request.getName(), request.getSlotId())));
        }
        return reply.build();
    }

    public ObjectIdAllocator objectIds() {
        return objectIds;
    }

    private static EnetMessage objectIdsMessage(List<Integer> ids) {
        return EnetMessage.newBuilder().setChannel(1).setReliable(true)
                .setPayload(ByteString.copyFrom(ObjectIds.encode(ids))).build();
    }

    private static EnetMessage message(int channel, byte[] payload) {
        return EnetMessage.newBuilder().setChannel(channel).setReliable(true)
                .setPayload(ByteString.copyFrom(payload)).build();
    }

    private static void requireGuid(String guid) {
        if (guid == null || guid.isEmpty() || guid.length() > 32) {
            throw new IllegalArgumentException("guid is required");
        }
    }
}
