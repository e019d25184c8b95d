package io.gatehouse.gateway.hytale.session;

import io.gatehouse.contracts.world.v1.HytaleAssetChunk;
import io.gatehouse.contracts.world.v1.HytaleAssetHeader;
import io.gatehouse.gateway.hytale.client.HytaleWorldClient;
import io.gatehouse.hytale.protocol.ProtocolConstants;
import io.gatehouse.hytale.protocol.io.Bytes;
import io.gatehouse.hytale.protocol.io.ZstdPayloads;
import io.gatehouse.hytale.protocol.packet.Packet;
import io.gatehouse.hytale.protocol.packet.setup.AssetFinalize;
import io.gatehouse.hytale.protocol.packet.setup.AssetInitialize;
import io.gatehouse.hytale.protocol.packet.setup.AssetPart;
import io.gatehouse.hytale.protocol.packet.setup.WorldLoadProgress;
import io.gatehouse.hytale.protocol.packet.setup.WorldLoadProgressV1;
import io.gatehouse.hytale.protocol.registry.PacketRegistry;
import io.gatehouse.hytale.protocol.registry.ProtocolVersion;
import io.gatehouse.hytale.protocol.types.Asset;
import io.gatehouse.hytale.protocol.types.FormattedMessage;
import io.grpc.Status;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
import java.util.List;
import java.util.function.IntConsumer;

/**
 * Streams the assets a client asked for (§5.4, {@code CommonAssetModule.sendAssetsToPlayer}): per asset
 * AssetInitialize, then WorldLoadProgress + AssetPart per part, then AssetFinalize. Parts come from
 * {@code WorldContent.StreamHytaleAsset} one message at a time: the next is requested only once the QUIC stream is
 * writable again, so a slow client holds back the world service's disk reads and no whole asset is ever buffered.
 *
 * <p>AssetPart frames (up to 2.5 MiB, zstd) are encoded and compressed on the gRPC callback thread and written as
 * ready bytes, which keeps that work off the event loop. An asset unknown to the world service (NOT_FOUND) is
 * skipped, as the official server ignores hashes it does not have.
 */
final class AssetTransfer {

    static final String LOADING_ASSETS = "Loading assets...";

    private final HytaleConnection connection;
    private final List<String> hashes;
    private final IntConsumer done;
    private int index;
    private int sent;
    private int generation;
    private HytaleWorldClient.AssetStream current;
    private HytaleAssetHeader header;
    private int partsWritten;
    private boolean waitingForWritable;
    private boolean cancelled;

    AssetTransfer(HytaleConnection connection, List<String> hashes, IntConsumer done) {
        this.connection = connection;
        this.hashes = hashes;
        this.done = done;
    }

    /** Event loop. */
    void start() {
        next();
    }

    private void next() {
        if (cancelled) {
            return;
        }
        if (index >= hashes.size()) {
            done.accept(sent);
            return;
        }
        int mine = ++generation;
        header = null;
        partsWritten = 0;
        String hash = hashes.get(index);
        current = connection.manager().world().streamAsset(hash, new HytaleWorldClient.AssetReceiver() {
            @Override
            public void onChunk(HytaleAssetChunk chunk) {
                if (chunk.hasHeader()) {
                    connection.onLoop(() -> onHeader(mine, chunk.getHeader()), null);
                } else {
                    ByteBuf frame = encodePart(chunk.getPart().getData().toByteArray());
                    connection.onLoop(() -> onPart(mine, frame), frame::release);
                }
            }

            @Override
            public void onError(Throwable error) {
                connection.onLoop(() -> onFailed(mine, error), null);
            }

            @Override
            public void onCompleted() {
                connection.onLoop(() -> onAssetDone(mine), null);
            }
        });
    }

    private void onHeader(int mine, HytaleAssetHeader assetHeader) {
        if (mine != generation || cancelled) {
            return;
        }
        header = assetHeader;
        connection.sendAndFlush(new AssetInitialize(new Asset(assetHeader.getAsset().getHash(),
                assetHeader.getAsset().getName()), (int) assetHeader.getAsset().getSize()));
        requestMore();
    }

    private void onPart(int mine, ByteBuf frame) {
        if (mine != generation || cancelled || header == null) {
            frame.release();
            return;
        }
        int parts = Math.max(1, header.getPartCount());
        connection.send(progress(100 * index / hashes.size(), 100 * partsWritten / parts));
        connection.stream().writeAndFlush(frame, connection.stream().voidPromise());
        partsWritten++;
        requestMore();
    }

    private void onAssetDone(int mine) {
        if (mine != generation || cancelled) {
            return;
        }
        if (header != null) {
            connection.sendAndFlush(AssetFinalize.INSTANCE);
            sent++;
        }
        index++;
        next();
    }

    private void onFailed(int mine, Throwable error) {
        if (mine != generation || cancelled) {
            return;
        }
        if (ServiceFailures.isStatus(error, Status.Code.NOT_FOUND) && header == null) {
            index++;
            next();
            return;
        }
        cancelled = true;
        connection.fail(HytaleJoinMetrics.FailureReason.SERVICE_UNAVAILABLE);
        connection.disconnect(ServiceFailures.SERVER_UNAVAILABLE);
    }

    private void requestMore() {
        if (connection.stream().isWritable()) {
            current.request();
        } else {
            waitingForWritable = true;
        }
    }

    /** Event loop: the stream drained. */
    void writable() {
        if (waitingForWritable && !cancelled && connection.stream().isWritable()) {
            waitingForWritable = false;
            current.request();
        }
    }

    /** Event loop: the connection is going away. */
    void cancel() {
        cancelled = true;
        if (current != null) {
            current.cancel("connection closed");
        }
    }

    private Packet progress(int percent, int subPercent) {
        return connection.version() == ProtocolVersion.V1
                ? new WorldLoadProgressV1(LOADING_ASSETS, percent, subPercent)
                : new WorldLoadProgress(FormattedMessage.raw(LOADING_ASSETS), percent, subPercent);
    }

    /** One complete AssetPart frame, compressed per the registry's flag. Runs off the event loop. */
    private ByteBuf encodePart(byte[] data) {
        ByteBufAllocator alloc = connection.stream().alloc();
        PacketRegistry registry = connection.codec().outbound();
        ByteBuf payload = alloc.buffer(data.length + 6);
        ByteBuf wire;
        try {
            new AssetPart(Bytes.adopt(data)).encode(payload);
            wire = registry.isCompressed(AssetPart.ID) ? ZstdPayloads.compress(alloc, payload, ZstdPayloads.DEFAULT_LEVEL)
                    : payload.retain();
        } finally {
            payload.release();
        }
        ByteBuf frameHeader = alloc.buffer(ProtocolConstants.FRAME_HEADER_SIZE);
        frameHeader.writeIntLE(wire.readableBytes());
        frameHeader.writeIntLE(AssetPart.ID);
        return Unpooled.wrappedBuffer(frameHeader, wire);
    }
}
