package io.gatehouse.bot.bench;

import io.gatehouse.bot.hytale.SessionServiceApi;
import io.gatehouse.hytale.protocol.ProtocolConstants;
import io.gatehouse.hytale.protocol.netty.HytaleCodec;
import io.gatehouse.hytale.protocol.packet.Packet;
import io.gatehouse.hytale.protocol.packet.auth.AuthGrant;
import io.gatehouse.hytale.protocol.packet.auth.AuthToken;
import io.gatehouse.hytale.protocol.packet.auth.ConnectAccept;
import io.gatehouse.hytale.protocol.packet.auth.ServerAuthToken;
import io.gatehouse.hytale.protocol.packet.connection.ClientType;
import io.gatehouse.hytale.protocol.packet.connection.ConnectV2;
import io.gatehouse.hytale.protocol.packet.connection.Disconnect;
import io.gatehouse.hytale.protocol.packet.connection.Ping;
import io.gatehouse.hytale.protocol.packet.connection.Pong;
import io.gatehouse.hytale.protocol.packet.connection.PongType;
import io.gatehouse.hytale.protocol.packet.join.ClientReady;
import io.gatehouse.hytale.protocol.packet.join.JoinWorld;
import io.gatehouse.hytale.protocol.packet.join.SetClientId;
import io.gatehouse.hytale.protocol.packet.setup.AssetFinalize;
import io.gatehouse.hytale.protocol.packet.setup.PlayerOptions;
import io.gatehouse.hytale.protocol.packet.setup.RequestAssets;
import io.gatehouse.hytale.protocol.packet.setup.ViewRadius;
import io.gatehouse.hytale.protocol.packet.setup.WorldSettings;
import io.gatehouse.hytale.protocol.registry.ProtocolVersion;
import io.gatehouse.hytale.protocol.types.InstantData;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.handler.codec.quic.QuicChannel;
import io.netty.handler.codec.quic.QuicStreamChannel;
import io.netty.handler.codec.quic.QuicStreamType;
import java.net.InetSocketAddress;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * Hytale joins over Netty QUIC with protocol-hytale's client codecs: {@code insecure} (Connect → ConnectAccept →
 * WorldSettings → every asset → JoinWorld → SetClientId), {@code auth} (the same with AuthGrant → AuthToken →
 * ServerAuthToken, the tokens coming from the session service as a real client's do), or {@code handshake}: the
 * QUIC/TLS handshake and one stream echo only, for the bare QUIC echo server that is the join's ceiling.
 */
final class HytaleScenario implements Scenario {

    enum Mode { INSECURE, AUTH, HANDSHAKE }

    private static final byte[] PROBE = "gatehouse".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

    private final Mode mode;
    private final InetSocketAddress target;
    private final String sessionService;
    private final QuicClients clients;
    private final Set<QuicChannel> held = ConcurrentHashMap.newKeySet();
    private final ExecutorService sessionCalls = Executors.newFixedThreadPool(4, r -> {
        Thread t = new Thread(r, "bench-session-service");
        t.setDaemon(true);
        return t;
    });
    private final List<SessionServiceApi.GameSession> sessions = new ArrayList<>();
    private SessionServiceApi api;
    private final long stageTimeoutMillis;

    HytaleScenario(Mode mode, InetSocketAddress target, String sessionService, int sockets, long stageTimeoutMillis)
            throws Exception {
        this.stageTimeoutMillis = stageTimeoutMillis;
        this.mode = mode;
        this.target = target;
        this.sessionService = sessionService;
        this.clients = new QuicClients(target, ProtocolVersion.V2.alpn(), sockets);
    }

    @Override
    public String name() {
        return switch (mode) {
            case INSECURE -> "hytale-insecure";
            case AUTH -> "hytale-auth";
            case HANDSHAKE -> "quic-handshake";
        };
    }

    @Override
    public void prepare(int count) throws Exception {
        if (mode != Mode.AUTH) {
            return;
        }
        // The player's OAuth login and game session happen before it picks a server: not part of the join.
        api = new SessionServiceApi(sessionService);
        int pool = Math.min(count, 2048);
        List<CompletableFuture<SessionServiceApi.GameSession>> logins = new ArrayList<>();
        for (int i = 0; i < pool; i++) {
            String name = "bench" + i;
            logins.add(CompletableFuture.supplyAsync(() -> {
                try {
                    return api.login(name, null);
                } catch (Exception e) {
                    throw new IllegalStateException("session service login failed: " + e.getMessage(), e);
                }
            }, sessionCalls));
        }
        for (CompletableFuture<SessionServiceApi.GameSession> login : logins) {
            sessions.add(login.get(60, TimeUnit.SECONDS));
        }
    }

    @Override
    public CompletableFuture<Void> join(int index, boolean hold) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        String[] stage = {"quic-handshake"};
        CompletableFuture.delayedExecutor(stageTimeoutMillis, TimeUnit.MILLISECONDS).execute(() ->
                done.completeExceptionally(new JoinFailure(stage[0], "timeout after " + stageTimeoutMillis + " ms")));
        clients.connect(index, null).whenComplete((connection, error) -> {
            if (error != null) {
                done.completeExceptionally(error);
                return;
            }
            stage[0] = "stream";
            ChannelInboundHandlerAdapter handler = mode == Mode.HANDSHAKE ? new Echo(done)
                    : new Join(index, connection, done, stage);
            connection.createStream(QuicStreamType.BIDIRECTIONAL, new ChannelInitializer<QuicStreamChannel>() {
                @Override
                protected void initChannel(QuicStreamChannel stream) {
                    if (mode != Mode.HANDSHAKE) {
                        HytaleCodec.installClient(stream.pipeline(), ProtocolVersion.V2);
                    }
                    stream.pipeline().addLast(handler);
                }
            }).addListener(f -> {
                if (!f.isSuccess()) {
                    done.completeExceptionally(new JoinFailure("stream", String.valueOf(f.cause())));
                }
            });
            connection.closeFuture().addListener(f -> {
                held.remove(connection);
                done.completeExceptionally(new JoinFailure("closed", "connection closed before the join completed"));
            });
            done.whenComplete((ok, failed) -> {
                if (failed != null || !hold) {
                    connection.close(true, 0, Unpooled.EMPTY_BUFFER);
                } else {
                    held.add(connection);
                }
            });
        });
        return done;
    }

    @Override
    public int held() {
        return held.size();
    }

    @Override
    public void releaseHeld() throws Exception {
        List<QuicChannel> all = new ArrayList<>(held);
        all.forEach(c -> c.close(true, 0, Unpooled.EMPTY_BUFFER));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!held.isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
    }

    @Override
    public void close() {
        clients.close();
        sessionCalls.shutdownNow();
    }

    /** The ceiling's workload: handshake, one stream, one echoed probe. */
    private static final class Echo extends ChannelInboundHandlerAdapter {
        private final CompletableFuture<Void> done;
        private int received;

        Echo(CompletableFuture<Void> done) {
            this.done = done;
        }

        @Override
        public void channelActive(ChannelHandlerContext ctx) {
            ctx.writeAndFlush(Unpooled.wrappedBuffer(PROBE));
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            received += ((ByteBuf) msg).readableBytes();
            ((ByteBuf) msg).release();
            if (received >= PROBE.length) {
                done.complete(null);
            }
        }
    }

    /** One player's join, on the stream's event loop. */
    private final class Join extends ChannelInboundHandlerAdapter {
        private final int index;
        private final CompletableFuture<Void> done;
        private final SessionServiceApi.GameSession session;
        private final UUID uuid;
        private final String[] stageRef;
        private String stage = "connect";
        private int assets;
        private int assetsExpected;

        Join(int index, QuicChannel connection, CompletableFuture<Void> done, String[] stageRef) {
            this.stageRef = stageRef;
            stageRef[0] = "connect";
            this.index = index;
            this.done = done;
            this.session = mode == Mode.AUTH ? sessions.get(index % sessions.size()) : null;
            this.uuid = session != null ? session.uuid() : UUID.randomUUID();
        }

        @Override
        public void channelActive(ChannelHandlerContext ctx) {
            ctx.writeAndFlush(new ConnectV2(ProtocolConstants.V2_BUILD_20_CRC, ProtocolConstants.V2_BUILD_20,
                    "gatehouse-bench", ClientType.GAME, uuid, session != null ? session.username() : "bench" + index,
                    session != null ? session.identityToken() : null, "en-US", null, null));
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            Packet packet = (Packet) msg;
            if (packet instanceof Ping ping) {
                Instant now = Instant.now();
                InstantData time = new InstantData(now.getEpochSecond(), now.getNano());
                ctx.write(new Pong(ping.pingId(), time, PongType.RAW, (short) 0));
                ctx.writeAndFlush(new Pong(ping.pingId(), time, PongType.DIRECT, (short) 0));
            } else if (packet instanceof Disconnect d) {
                done.completeExceptionally(new JoinFailure(stage, "server disconnected: " + d.reason()));
            } else if (packet instanceof AuthGrant grant) {
                stage = "auth";
                stageRef[0] = stage;
                String fingerprint = clients.identity(index).fingerprint();
                CompletableFuture.supplyAsync(() -> {
                    try {
                        return new AuthToken(api.accessToken(session, grant.authorizationGrant(), fingerprint),
                                api.grantForServer(session, grant.serverIdentityToken()));
                    } catch (Exception e) {
                        throw new JoinFailure("auth", "session service: " + e.getMessage());
                    }
                }, sessionCalls).whenComplete((token, error) -> {
                    if (error != null) {
                        done.completeExceptionally(error);
                    } else {
                        ctx.writeAndFlush(token);
                    }
                });
            } else if (packet instanceof ServerAuthToken token) {
                if (token.passwordChallenge() != null) {
                    done.completeExceptionally(new JoinFailure("password", "the server asks for a password"));
                }
                stage = "setup";
                stageRef[0] = stage;
            } else if (packet instanceof ConnectAccept accept) {
                if (accept.passwordChallenge() != null) {
                    done.completeExceptionally(new JoinFailure("password", "the server asks for a password"));
                }
                stage = "setup";
                stageRef[0] = stage;
            } else if (packet instanceof WorldSettings settings) {
                stage = "assets";
                stageRef[0] = stage;
                assetsExpected = settings.requiredAssets().size();
                ctx.write(new RequestAssets(settings.requiredAssets()));
                ctx.write(new ViewRadius(6 * 32));
                ctx.writeAndFlush(new PlayerOptions(null));
            } else if (packet instanceof AssetFinalize) {
                assets++;
            } else if (packet instanceof JoinWorld) {
                stage = "join";
                stageRef[0] = stage;
                if (assets != assetsExpected) {
                    done.completeExceptionally(new JoinFailure("assets", assets + " of " + assetsExpected));
                }
                ctx.writeAndFlush(new ClientReady(true, false));
            } else if (packet instanceof SetClientId) {
                ctx.writeAndFlush(new ClientReady(false, true));
                done.complete(null);
            }
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            done.completeExceptionally(new JoinFailure(stage, String.valueOf(cause)));
            ctx.close();
        }
    }
}
