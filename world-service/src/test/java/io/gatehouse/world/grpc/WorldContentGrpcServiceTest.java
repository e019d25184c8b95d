package io.gatehouse.world.grpc;

import static io.gatehouse.world.TestFiles.hex;
import static io.gatehouse.world.TestFiles.hexOfFile;
import static io.gatehouse.world.TestFiles.randomBytes;
import static io.gatehouse.world.TestFiles.write;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gatehouse.contracts.world.v1.FivemFileChunk;
import io.gatehouse.contracts.world.v1.GetFivemConfigurationRequest;
import io.gatehouse.contracts.world.v1.GetFivemConfigurationResponse;
import io.gatehouse.contracts.world.v1.HytaleAssetChunk;
import io.gatehouse.contracts.world.v1.ListHytaleAssetsRequest;
import io.gatehouse.contracts.world.v1.ListHytaleAssetsResponse;
import io.gatehouse.contracts.world.v1.OpenFivemFileRequest;
import io.gatehouse.contracts.world.v1.StreamHytaleAssetRequest;
import io.gatehouse.contracts.world.v1.WorldContentGrpc;
import io.gatehouse.world.assets.AssetCatalog;
import io.gatehouse.world.assets.AssetStreamer;
import io.gatehouse.world.io.ReadBufferPool;
import io.gatehouse.world.resources.ResourceCatalog;
import io.grpc.ManagedChannel;
import io.grpc.Server;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.inprocess.InProcessChannelBuilder;
import io.grpc.inprocess.InProcessServerBuilder;
import io.grpc.stub.ClientCallStreamObserver;
import io.grpc.stub.ClientResponseObserver;
import java.io.ByteArrayOutputStream;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(60)
class WorldContentGrpcServiceTest {

    private static final int PART = 256 * 1024;
    private static final long BIG = 16L << 20; // 64 parts

    @TempDir
    Path temp;

    private ExecutorService io;
    private ResourceCatalog resources;
    private WorldContentGrpcService service;
    private Server server;
    private ManagedChannel channel;
    private byte[] small;
    private String bigHash;

    @BeforeEach
    void start() throws Exception {
        Path assetsDir = temp.resolve("assets");
        small = randomBytes(PART + 1, 5);
        write(assetsDir.resolve("Common/small.bin"), small);
        write(assetsDir.resolve("Common/empty.bin"), new byte[0]);
        Path big = assetsDir.resolve("Common/big.bin");
        try (RandomAccessFile raf = new RandomAccessFile(big.toFile(), "rw")) {
            raf.setLength(BIG);
            raf.seek(BIG - 5);
            raf.write("tail!".getBytes());
        }
        bigHash = hexOfFile("SHA-256", big);

        Path resourcesDir = temp.resolve("resources");
        write(resourcesDir.resolve("hello/fxmanifest.lua"), "client_script 'client.lua'".getBytes());
        write(resourcesDir.resolve("hello/client.lua"), randomBytes(300 * 1024, 6));

        ReadBufferPool pool = ReadBufferPool.defaultPool();
        AssetCatalog assets = new AssetCatalog(assetsDir, pool);
        assets.rescan();
        resources = new ResourceCatalog(resourcesDir, temp.resolve("cache"), pool);
        resources.rescan();
        io = Executors.newFixedThreadPool(2);
        service = new WorldContentGrpcService(assets, new AssetStreamer(assets, PART, pool), resources, pool, io);

        // directExecutor like the all-in-one node's in-process server: handlers must never block
        String name = InProcessServerBuilder.generateName();
        server = InProcessServerBuilder.forName(name).directExecutor().addService(service).build().start();
        channel = InProcessChannelBuilder.forName(name).directExecutor().build();
    }

    @AfterEach
    void stop() throws Exception {
        channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        server.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        io.shutdownNow();
        io.awaitTermination(5, TimeUnit.SECONDS);
        resources.close();
    }

    @Test
    void listsAssetsAndStreamsThemWholeAndInOrder() throws Exception {
        WorldContentGrpc.WorldContentBlockingStub stub = WorldContentGrpc.newBlockingStub(channel);
        ListHytaleAssetsResponse list = stub.listHytaleAssets(ListHytaleAssetsRequest.getDefaultInstance());
        assertThat(list.getAssetsList()).extracting(a -> a.getName())
                .containsExactly("Common/big.bin", "Common/empty.bin", "Common/small.bin");
        assertThat(list.getAssets(2).getHash()).isEqualTo(hex("SHA-256", small));
        assertThat(list.getAssets(2).getSize()).isEqualTo(small.length);

        Iterator<HytaleAssetChunk> chunks = stub.streamHytaleAsset(
                StreamHytaleAssetRequest.newBuilder().setHash(hex("SHA-256", small)).build());
        HytaleAssetChunk header = chunks.next();
        assertThat(header.getHeader().getAsset().getName()).isEqualTo("Common/small.bin");
        assertThat(header.getHeader().getPartCount()).isEqualTo(2);
        ByteArrayOutputStream joined = new ByteArrayOutputStream();
        int index = 0;
        while (chunks.hasNext()) {
            HytaleAssetChunk part = chunks.next();
            assertThat(part.getPart().getIndex()).isEqualTo(index++);
            assertThat(part.getPart().getData().size()).isLessThanOrEqualTo(PART);
            part.getPart().getData().writeTo(joined);
        }
        assertThat(index).isEqualTo(2);
        assertThat(hex("SHA-256", joined.toByteArray())).isEqualTo(hex("SHA-256", small));

        Iterator<HytaleAssetChunk> empty = stub.streamHytaleAsset(
                StreamHytaleAssetRequest.newBuilder().setHash(hex("SHA-256", new byte[0])).build());
        assertThat(empty.next().getHeader().getPartCount()).isZero();
        assertThat(empty.hasNext()).isFalse();
        awaitNoOpenStreams();
    }

    @Test
    void missingHashIsNotFound() {
        WorldContentGrpc.WorldContentBlockingStub stub = WorldContentGrpc.newBlockingStub(channel);
        Iterator<HytaleAssetChunk> chunks = stub.streamHytaleAsset(
                StreamHytaleAssetRequest.newBuilder().setHash("00".repeat(32)).build());
        assertThatThrownBy(chunks::next).isInstanceOfSatisfying(StatusRuntimeException.class,
                e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.NOT_FOUND));
    }

    @Test
    void slowConsumerHoldsTheServerToWhatItRequested() throws Exception {
        ManualClient client = new ManualClient(1);
        WorldContentGrpc.newStub(channel).streamHytaleAsset(
                StreamHytaleAssetRequest.newBuilder().setHash(bigHash).build(), client);

        HytaleAssetChunk header = client.take();
        assertThat(header.getHeader().getPartCount()).isEqualTo(64);
        Thread.sleep(300);
        // nothing requested beyond the header: nothing read
        assertThat(service.bytesRead()).isZero();

        client.call.request(3);
        MessageDigest digest = MessageDigest.getInstance("SHA-256");
        for (int i = 0; i < 3; i++) {
            client.take().getPart().getData().asReadOnlyByteBufferList().forEach(digest::update);
        }
        Thread.sleep(300);
        // at most one part read ahead of what the client asked for, never the whole 16 MiB file
        assertThat(service.bytesRead()).isBetween(3L * PART, 4L * PART);

        client.call.request(Integer.MAX_VALUE);
        for (int i = 3; i < 64; i++) {
            HytaleAssetChunk part = client.take();
            assertThat(part.getPart().getIndex()).isEqualTo(i);
            part.getPart().getData().asReadOnlyByteBufferList().forEach(digest::update);
        }
        assertThat(client.done.get(10, TimeUnit.SECONDS)).isNull();
        assertThat(HexFormat.of().formatHex(digest.digest())).isEqualTo(bigHash);
        assertThat(service.bytesRead()).isEqualTo(BIG);
        awaitNoOpenStreams();
    }

    @Test
    void cancelledStreamStopsReading() throws Exception {
        ManualClient client = new ManualClient(2);
        WorldContentGrpc.newStub(channel).streamHytaleAsset(
                StreamHytaleAssetRequest.newBuilder().setHash(bigHash).build(), client);
        client.take();
        client.take();
        client.call.cancel("player left", null);
        awaitNoOpenStreams();
        long read = service.bytesRead();
        Thread.sleep(300);
        assertThat(service.bytesRead()).isEqualTo(read).isLessThan(BIG);
        assertThat(read).isLessThanOrEqualTo(2L * PART);
    }

    @Test
    void expiredDeadlineStopsReading() throws Exception {
        ManualClient client = new ManualClient(1);
        WorldContentGrpc.newStub(channel).withDeadlineAfter(300, TimeUnit.MILLISECONDS).streamHytaleAsset(
                StreamHytaleAssetRequest.newBuilder().setHash(bigHash).build(), client);
        client.take();
        assertThatThrownBy(() -> client.done.get(10, TimeUnit.SECONDS)).hasCauseInstanceOf(StatusRuntimeException.class)
                .cause().satisfies(e -> assertThat(((StatusRuntimeException) e).getStatus().getCode())
                        .isEqualTo(Status.Code.DEADLINE_EXCEEDED));
        awaitNoOpenStreams();
        assertThat(service.bytesRead()).isLessThan(BIG);
    }

    @Test
    void fivemConfigurationAndFiles() throws Exception {
        WorldContentGrpc.WorldContentBlockingStub stub = WorldContentGrpc.newBlockingStub(channel);
        GetFivemConfigurationResponse configuration = stub.getFivemConfiguration(
                GetFivemConfigurationRequest.getDefaultInstance());
        assertThat(configuration.getConfigurationJson().toString(StandardCharsets.UTF_8))
                .isEqualTo(resources.configurationJson(null))
                .startsWith("{\"fileServer\":\"https://%s/files\",\"resources\":[{\"name\":\"hello\"");
        assertThat(configuration.getResourceCount()).isEqualTo(1);
        assertThat(stub.getFivemConfiguration(GetFivemConfigurationRequest.newBuilder().setResources("other").build())
                .getResourceCount()).isZero();

        Path rpf = temp.resolve("cache/hello/resource.rpf");
        Iterator<FivemFileChunk> chunks = stub.openFivemFile(
                OpenFivemFileRequest.newBuilder().setResource("hello").setFile("resource.rpf").build());
        FivemFileChunk header = chunks.next();
        assertThat(header.getHeader().getSize()).isEqualTo(Files.size(rpf));
        assertThat(header.getHeader().getSha1()).isEqualTo(hexOfFile("SHA-1", rpf));
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        List<Integer> sizes = new ArrayList<>();
        while (chunks.hasNext()) {
            FivemFileChunk chunk = chunks.next();
            sizes.add(chunk.getData().size());
            chunk.getData().writeTo(body);
        }
        assertThat(sizes).allSatisfy(s -> assertThat(s).isLessThanOrEqualTo(128 * 1024)).hasSizeGreaterThan(2);
        assertThat(body.toByteArray()).isEqualTo(Files.readAllBytes(rpf));

        assertThatThrownBy(() -> stub.openFivemFile(
                OpenFivemFileRequest.newBuilder().setResource("hello").setFile("server.lua").build()).next())
                .isInstanceOfSatisfying(StatusRuntimeException.class, e -> {
                    assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.NOT_FOUND);
                    assertThat(e.getStatus().getDescription())
                            .isEqualTo("Not found. (missing requested file: hello/server.lua)");
                });
        assertThatThrownBy(() -> stub.openFivemFile(
                OpenFivemFileRequest.newBuilder().setResource("nope").setFile("resource.rpf").build()).next())
                .isInstanceOfSatisfying(StatusRuntimeException.class, e -> assertThat(e.getStatus().getDescription())
                        .isEqualTo("Not found. (missing requested resource: nope)"));
        awaitNoOpenStreams();
    }

    private void awaitNoOpenStreams() throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (service.openStreams() != 0 && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertThat(service.openStreams()).isZero();
    }

    /** A client that asks for messages only when told to. */
    private static final class ManualClient implements ClientResponseObserver<StreamHytaleAssetRequest, HytaleAssetChunk> {
        final LinkedBlockingQueue<HytaleAssetChunk> received = new LinkedBlockingQueue<>();
        final CompletableFuture<Void> done = new CompletableFuture<>();
        final int initial;
        volatile ClientCallStreamObserver<StreamHytaleAssetRequest> call;

        ManualClient(int initial) {
            this.initial = initial;
        }

        @Override
        public void beforeStart(ClientCallStreamObserver<StreamHytaleAssetRequest> requestStream) {
            call = requestStream;
            requestStream.disableAutoRequestWithInitial(initial);
        }

        HytaleAssetChunk take() throws InterruptedException {
            HytaleAssetChunk chunk = received.poll(10, TimeUnit.SECONDS);
            assertThat(chunk).as("a message within 10 s").isNotNull();
            return chunk;
        }

        @Override
        public void onNext(HytaleAssetChunk value) {
            received.add(value);
        }

        @Override
        public void onError(Throwable t) {
            done.completeExceptionally(t);
        }

        @Override
        public void onCompleted() {
            done.complete(null);
        }
    }
}
