package io.gatehouse.world.grpc;

import com.google.protobuf.ByteString;
import com.google.protobuf.UnsafeByteOperations;
import io.gatehouse.contracts.world.v1.FivemFileChunk;
import io.gatehouse.contracts.world.v1.FivemFileHeader;
import io.gatehouse.contracts.world.v1.GetFivemConfigurationRequest;
import io.gatehouse.contracts.world.v1.GetFivemConfigurationResponse;
import io.gatehouse.contracts.world.v1.HytaleAsset;
import io.gatehouse.contracts.world.v1.HytaleAssetChunk;
import io.gatehouse.contracts.world.v1.HytaleAssetHeader;
import io.gatehouse.contracts.world.v1.HytaleAssetPart;
import io.gatehouse.contracts.world.v1.ListHytaleAssetsRequest;
import io.gatehouse.contracts.world.v1.ListHytaleAssetsResponse;
import io.gatehouse.contracts.world.v1.OpenFivemFileRequest;
import io.gatehouse.contracts.world.v1.StreamHytaleAssetRequest;
import io.gatehouse.contracts.world.v1.WorldContentGrpc;
import io.gatehouse.world.assets.AssetCatalog;
import io.gatehouse.world.assets.AssetEntry;
import io.gatehouse.world.assets.AssetStreamer;
import io.gatehouse.world.io.ChunkedFileReader;
import io.gatehouse.world.io.Digests;
import io.gatehouse.world.io.ReadBufferPool;
import io.gatehouse.world.resources.FileLookup;
import io.gatehouse.world.resources.ResourceCatalog;
import io.gatehouse.world.resources.ServedFile;
import io.grpc.Status;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import java.io.IOException;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The world-service's content contract: Hytale assets and FiveM resources, streamed from disk.
 *
 * <p>Unary calls answer from the in-memory catalogues on the calling thread. Streaming calls look the item up
 * synchronously (so a miss is an immediate NOT_FOUND) and then hand the file to a {@link FlowControlledStream} that
 * reads on the bounded IO executor, one chunk at a time, only when the transport is ready.
 */
public final class WorldContentGrpcService extends WorldContentGrpc.WorldContentImplBase {

    /** FXServer's /files read size ({@code kFileSendSize}); the gateway Touches the client per chunk like FXServer. */
    public static final int FILE_CHUNK_SIZE = 128 * 1024;

    private final AssetCatalog assets;
    private final AssetStreamer streamer;
    private final ResourceCatalog resources;
    private final ReadBufferPool pool;
    private final Executor io;
    private final AtomicLong bytesRead = new AtomicLong();
    private final AtomicInteger openStreams = new AtomicInteger();

    public WorldContentGrpcService(AssetCatalog assets, AssetStreamer streamer, ResourceCatalog resources,
                                   ReadBufferPool pool, Executor io) {
        this.assets = assets;
        this.streamer = streamer;
        this.resources = resources;
        this.pool = pool;
        this.io = io;
    }

    /** Bytes read from disk by streaming calls so far (a metric; tests use it to prove flow control). */
    public long bytesRead() {
        return bytesRead.get();
    }

    /** Streaming calls currently holding a file open. */
    public int openStreams() {
        return openStreams.get();
    }

    @Override
    public void listHytaleAssets(ListHytaleAssetsRequest request, StreamObserver<ListHytaleAssetsResponse> response) {
        ListHytaleAssetsResponse.Builder builder = ListHytaleAssetsResponse.newBuilder();
        for (AssetEntry entry : assets.requiredAssets()) {
            builder.addAssets(toProto(entry));
        }
        response.onNext(builder.build());
        response.onCompleted();
    }

    @Override
    public void streamHytaleAsset(StreamHytaleAssetRequest request, StreamObserver<HytaleAssetChunk> response) {
        Optional<AssetEntry> entry = assets.byHash(request.getHash());
        if (entry.isEmpty()) {
            response.onError(Status.NOT_FOUND.withDescription("no asset with hash " + request.getHash())
                    .asRuntimeException());
            return;
        }
        AssetEntry asset = entry.get();
        ServerCallStreamObserver<HytaleAssetChunk> call = (ServerCallStreamObserver<HytaleAssetChunk>) response;
        startStream(call, "asset " + asset.name(), () -> new AssetSource(asset));
    }

    @Override
    public void getFivemConfiguration(GetFivemConfigurationRequest request,
                                      StreamObserver<GetFivemConfigurationResponse> response) {
        String filter = request.hasResources() ? request.getResources() : null;
        response.onNext(GetFivemConfigurationResponse.newBuilder()
                .setConfigurationJson(ByteString.copyFromUtf8(resources.configurationJson(filter)))
                .setResourceCount(resources.configurationCount(filter))
                .build());
        response.onCompleted();
    }

    @Override
    public void openFivemFile(OpenFivemFileRequest request, StreamObserver<FivemFileChunk> response) {
        FileLookup lookup = resources.lookup(request.getResource(), request.getFile());
        if (lookup instanceof FileLookup.MissingResource missing) {
            response.onError(Status.NOT_FOUND.withDescription(missing.message()).asRuntimeException());
            return;
        }
        if (lookup instanceof FileLookup.MissingFile missing) {
            response.onError(Status.NOT_FOUND.withDescription(missing.message()).asRuntimeException());
            return;
        }
        ServedFile file = ((FileLookup.Found) lookup).file();
        ServerCallStreamObserver<FivemFileChunk> call = (ServerCallStreamObserver<FivemFileChunk>) response;
        startStream(call, "file " + request.getResource() + "/" + file.name(), () -> new FileSource(file));
    }

    private <T> void startStream(ServerCallStreamObserver<T> call, String description,
                                 java.util.concurrent.Callable<ChunkSource<T>> opener) {
        openStreams.incrementAndGet();
        new FlowControlledStream<>(call, io, opener, description, completed -> openStreams.decrementAndGet())
                .start();
    }

    private static HytaleAsset toProto(AssetEntry entry) {
        return HytaleAsset.newBuilder().setHash(entry.hash()).setName(entry.name()).setSize(entry.size()).build();
    }

    private final class AssetSource implements ChunkSource<HytaleAssetChunk> {
        private final AssetEntry asset;
        private final AssetStreamer.AssetStream stream;

        AssetSource(AssetEntry asset) throws IOException {
            this.asset = asset;
            this.stream = streamer.open(asset.hash()).orElseThrow(
                    () -> new ChunkedFileReader.ContentChangedException("asset " + asset.name() + " vanished"));
        }

        @Override
        public HytaleAssetChunk header() {
            return HytaleAssetChunk.newBuilder().setHeader(HytaleAssetHeader.newBuilder()
                    .setAsset(toProto(asset))
                    .setPartCount(stream.partCount())
                    .setPartSize(stream.partSize())).build();
        }

        @Override
        public boolean hasNext() {
            return stream.hasNextPart();
        }

        @Override
        public HytaleAssetChunk next() throws IOException {
            int index = stream.nextPartIndex();
            byte[] part = stream.nextPart();
            bytesRead.addAndGet(part.length);
            // the array is fresh and never reused, so wrapping it without a copy is safe
            return HytaleAssetChunk.newBuilder().setPart(HytaleAssetPart.newBuilder()
                    .setIndex(index)
                    .setData(UnsafeByteOperations.unsafeWrap(part))).build();
        }

        @Override
        public void finish() throws IOException {
            stream.verifyIfEmpty();
        }

        @Override
        public void close() {
            stream.close();
        }
    }

    private final class FileSource implements ChunkSource<FivemFileChunk> {
        private final ServedFile file;
        private final ChunkedFileReader reader;

        FileSource(ServedFile file) throws IOException {
            this.file = file;
            this.reader = ChunkedFileReader.open(file.path(), file.size(), FILE_CHUNK_SIZE, pool,
                    Digests.SHA_1, file.sha1());
        }

        @Override
        public FivemFileChunk header() {
            return FivemFileChunk.newBuilder().setHeader(FivemFileHeader.newBuilder()
                    .setSize(file.size())
                    .setSha1(file.sha1())).build();
        }

        @Override
        public boolean hasNext() {
            return reader.hasNext();
        }

        @Override
        public FivemFileChunk next() throws IOException {
            byte[] chunk = reader.next();
            bytesRead.addAndGet(chunk.length);
            return FivemFileChunk.newBuilder().setData(UnsafeByteOperations.unsafeWrap(chunk)).build();
        }

        @Override
        public void finish() throws IOException {
            reader.verifyIfEmpty();
        }

        @Override
        public void close() {
            reader.close();
        }
    }
}
