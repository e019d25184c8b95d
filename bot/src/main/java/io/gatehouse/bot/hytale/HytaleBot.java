package io.gatehouse.bot.hytale;

import io.gatehouse.hytale.protocol.ProtocolConstants;
import io.gatehouse.hytale.protocol.io.Bytes;
import io.gatehouse.hytale.protocol.packet.Packet;
import io.gatehouse.hytale.protocol.packet.auth.AuthGrant;
import io.gatehouse.hytale.protocol.packet.auth.AuthToken;
import io.gatehouse.hytale.protocol.packet.auth.ConnectAccept;
import io.gatehouse.hytale.protocol.packet.auth.PasswordAccepted;
import io.gatehouse.hytale.protocol.packet.auth.PasswordRejected;
import io.gatehouse.hytale.protocol.packet.auth.PasswordResponse;
import io.gatehouse.hytale.protocol.packet.auth.ServerAuthToken;
import io.gatehouse.hytale.protocol.packet.connection.ClientType;
import io.gatehouse.hytale.protocol.packet.connection.Connect;
import io.gatehouse.hytale.protocol.packet.connection.ConnectV1;
import io.gatehouse.hytale.protocol.packet.connection.ConnectV2;
import io.gatehouse.hytale.protocol.packet.connection.Disconnect;
import io.gatehouse.hytale.protocol.packet.connection.Ping;
import io.gatehouse.hytale.protocol.packet.connection.Pong;
import io.gatehouse.hytale.protocol.packet.connection.PongType;
import io.gatehouse.hytale.protocol.packet.join.ClientReady;
import io.gatehouse.hytale.protocol.packet.join.JoinWorld;
import io.gatehouse.hytale.protocol.packet.join.SetClientId;
import io.gatehouse.hytale.protocol.packet.setup.AssetFinalize;
import io.gatehouse.hytale.protocol.packet.setup.AssetInitialize;
import io.gatehouse.hytale.protocol.packet.setup.AssetPart;
import io.gatehouse.hytale.protocol.packet.setup.PlayerOptions;
import io.gatehouse.hytale.protocol.packet.setup.RequestAssets;
import io.gatehouse.hytale.protocol.packet.setup.ServerInfo;
import io.gatehouse.hytale.protocol.packet.setup.ViewRadius;
import io.gatehouse.hytale.protocol.packet.setup.WorldLoadFinished;
import io.gatehouse.hytale.protocol.packet.setup.WorldSettings;
import io.gatehouse.hytale.protocol.types.Asset;
import io.gatehouse.hytale.protocol.types.InstantData;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * A simulated Hytale player that joins exactly as a real client does (hytale-protocol.md §2, §6): its own TLS
 * client certificate; in authenticated mode its own game session from the session service, an access token bound to
 * its own certificate and a grant for the server's identity; password answers; RequestAssets for every required
 * asset, each reassembled and checked against its SHA-256; ClientReady; SetClientId; Pong for every Ping.
 */
public final class HytaleBot {

    /** One stage of the join and when it was reached (from the start of the QUIC connect). */
    public record Stage(String name, Duration at) {
    }

    /** A completed join; the connection stays open (pings answered) until {@link #close()}. */
    public static final class Joined implements AutoCloseable {
        private final HytaleBotConnection connection;
        private final List<Stage> stages;
        private final int clientId;
        private final Map<String, String> assets;
        private final String serverName;
        private final UUID uuid;
        private final CompletableFuture<String> disconnected = new CompletableFuture<>();
        private final Thread reader;

        Joined(HytaleBotConnection connection, List<Stage> stages, int clientId, Map<String, String> assets,
                String serverName, UUID uuid) {
            this.connection = connection;
            this.stages = List.copyOf(stages);
            this.clientId = clientId;
            this.assets = Map.copyOf(assets);
            this.serverName = serverName;
            this.uuid = uuid;
            this.reader = new Thread(this::keepAlive, "hytale-bot-" + uuid);
            this.reader.setDaemon(true);
            this.reader.start();
        }

        private void keepAlive() {
            try {
                while (true) {
                    Packet packet = connection.read();
                    if (packet instanceof Ping ping) {
                        pong(connection, ping);
                    } else if (packet instanceof Disconnect d) {
                        disconnected.complete(d.reason());
                        return;
                    }
                }
            } catch (IOException | RuntimeException e) {
                disconnected.complete(null);
            }
        }

        public List<Stage> stages() {
            return stages;
        }

        public int clientId() {
            return clientId;
        }

        /** name → SHA-256 of every asset received and verified. */
        public Map<String, String> assets() {
            return assets;
        }

        public String serverName() {
            return serverName;
        }

        public UUID uuid() {
            return uuid;
        }

        /** Completes with the server's Disconnect text (null if the connection just ended). */
        public CompletableFuture<String> disconnected() {
            return disconnected;
        }

        public HytaleBotConnection connection() {
            return connection;
        }

        @Override
        public void close() {
            connection.close();
        }
    }

    private final HytaleBotOptions options;
    private final Consumer<Stage> onStage;

    public HytaleBot(HytaleBotOptions options, Consumer<Stage> onStage) {
        this.options = options;
        this.onStage = onStage == null ? s -> { } : onStage;
    }

    public Joined join() throws JoinFailedException {
        BotCertificates.ClientIdentity identity = options.identity != null ? options.identity
                : BotCertificates.generate(options.username);
        SessionServiceApi api = new SessionServiceApi(options.sessionService);
        SessionServiceApi.GameSession session = options.session;
        if (!options.insecure && session == null) {
            try {
                session = api.login(options.username, options.uuid);
            } catch (IOException | InterruptedException e) {
                throw new JoinFailedException("session", "cannot get a game session from " + options.sessionService
                        + ": " + e.getMessage(), null, null, e);
            }
        }
        UUID uuid = session != null ? session.uuid() : options.uuid != null ? options.uuid : UUID.randomUUID();
        long start = System.nanoTime();
        List<Stage> stages = new ArrayList<>();
        Consumer<String> reached = name -> {
            Stage stage = new Stage(name, Duration.ofNanos(System.nanoTime() - start));
            stages.add(stage);
            onStage.accept(stage);
        };

        HytaleBotConnection connection;
        try {
            connection = HytaleBotConnection.open(options.host, options.port, options.protocol, identity,
                    options.connectAttempts);
        } catch (IOException e) {
            throw new JoinFailedException("connect", "QUIC connect to " + options.host + ":" + options.port
                    + " failed: " + e.getMessage(), null, null, e);
        }
        reached.accept("quic-connected");
        ScheduledExecutorService watchdog = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "hytale-bot-watchdog");
            t.setDaemon(true);
            return t;
        });
        ScheduledFuture<?> timeout = watchdog.schedule(connection::close, options.timeout.toMillis(), TimeUnit.MILLISECONDS);
        String stage = "connect";
        boolean handedOver = false;
        try {
            String token = session != null ? session.identityToken() : null;
            connection.send(connect(uuid, token));
            int passwordAttempt = 0;
            Map<String, String> verified = new LinkedHashMap<>();
            List<Asset> required = List.of();
            String serverName = null;
            Asset receiving = null;
            ByteArrayOutputStream blob = null;
            Integer clientId = null;
            while (true) {
                Packet packet = connection.read();
                if (packet instanceof Disconnect d) {
                    throw failure(connection, stage, "server disconnected: " + d.reason(), d.reason(), null);
                } else if (packet instanceof Ping ping) {
                    pong(connection, ping);
                } else if (packet instanceof AuthGrant grant) {
                    stage = "auth";
                    reached.accept("auth-grant");
                    String fingerprint = options.accessTokenFingerprint != null ? options.accessTokenFingerprint
                            : identity.fingerprint();
                    String accessToken = api.accessToken(session, grant.authorizationGrant(), fingerprint);
                    String serverGrant = api.grantForServer(session, grant.serverIdentityToken());
                    connection.send(new AuthToken(accessToken, serverGrant));
                } else if (packet instanceof ServerAuthToken serverToken) {
                    reached.accept("server-auth-token");
                    if (serverToken.passwordChallenge() != null) {
                        stage = "password";
                        connection.send(passwordResponse(serverToken.passwordChallenge(), passwordAttempt++));
                    } else {
                        stage = "setup";
                    }
                } else if (packet instanceof ConnectAccept accept) {
                    reached.accept("connect-accept");
                    if (accept.passwordChallenge() != null) {
                        stage = "password";
                        connection.send(passwordResponse(accept.passwordChallenge(), passwordAttempt++));
                    } else {
                        stage = "setup";
                    }
                } else if (packet instanceof PasswordRejected rejected) {
                    reached.accept("password-rejected(" + rejected.attemptsRemaining() + " left)");
                    connection.send(passwordResponse(rejected.newChallenge(), passwordAttempt++));
                } else if (packet instanceof PasswordAccepted) {
                    reached.accept("password-accepted");
                    stage = "setup";
                } else if (packet instanceof WorldSettings settings) {
                    stage = "setup";
                    reached.accept("world-settings(" + settings.requiredAssets().size() + " assets)");
                    required = settings.requiredAssets();
                    // A fresh client has nothing cached: it asks for every asset, then its view radius and options.
                    connection.send(new RequestAssets(required));
                    connection.send(new ViewRadius(6 * 32));
                    connection.send(new PlayerOptions(null));
                } else if (packet instanceof ServerInfo info) {
                    serverName = info.serverName();
                } else if (packet instanceof AssetInitialize init) {
                    receiving = init.asset();
                    blob = new ByteArrayOutputStream(Math.max(0, Math.min(init.size(), 64 << 20)));
                } else if (packet instanceof AssetPart part) {
                    if (blob == null) {
                        throw failure(connection, stage, "AssetPart before AssetInitialize", null, null);
                    }
                    if (part.part() != null) {
                        blob.write(part.part().toByteArray());
                    }
                } else if (packet instanceof AssetFinalize) {
                    if (receiving == null) {
                        throw failure(connection, stage, "AssetFinalize before AssetInitialize", null, null);
                    }
                    String actual = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(blob.toByteArray()));
                    if (!actual.equalsIgnoreCase(receiving.hash())) {
                        throw failure(connection, stage, "asset " + receiving.name() + " has SHA-256 " + actual
                                + ", expected " + receiving.hash(), null, null);
                    }
                    verified.put(receiving.name(), actual);
                    receiving = null;
                    blob = null;
                } else if (packet instanceof WorldLoadFinished) {
                    reached.accept("assets(" + verified.size() + "/" + required.size() + " verified)");
                    if (verified.size() != required.size()) {
                        throw failure(connection, stage, "received " + verified.size() + " of " + required.size()
                                + " assets", null, null);
                    }
                } else if (packet instanceof JoinWorld) {
                    stage = "join";
                    reached.accept("join-world");
                    connection.send(new ClientReady(true, false));
                } else if (packet instanceof SetClientId id) {
                    clientId = id.clientId();
                    reached.accept("set-client-id(" + clientId + ")");
                    connection.send(new ClientReady(false, true));
                    reached.accept("ready");
                    handedOver = true;
                    timeout.cancel(false);
                    return new Joined(connection, stages, clientId, verified, serverName, uuid);
                }
            }
        } catch (JoinFailedException e) {
            throw e;
        } catch (IOException e) {
            throw failure(connection, stage, "connection ended: " + e.getMessage(), null, e);
        } catch (Exception e) {
            throw failure(connection, stage, e.toString(), null, e);
        } finally {
            watchdog.shutdownNow();
            if (!handedOver) {
                connection.close();
            }
        }
    }

    private JoinFailedException failure(HytaleBotConnection connection, String stage, String message, String reason,
            Throwable cause) {
        HytaleBotConnection.Termination termination = connection.termination(Duration.ofSeconds(2));
        return new JoinFailedException(stage, message, reason, termination, cause);
    }

    private Connect connect(UUID uuid, String identityToken) {
        if (options.protocol == 1) {
            return new ConnectV1(ProtocolConstants.V1_PROTOCOL_HASH, ClientType.GAME, uuid, "en-US", identityToken,
                    options.username, null, null);
        }
        return new ConnectV2(ProtocolConstants.V2_BUILD_20_CRC, ProtocolConstants.V2_BUILD_20, "gatehouse-bot",
                ClientType.GAME, uuid, options.username, identityToken, "en-US", null, null);
    }

    private PasswordResponse passwordResponse(Bytes challenge, int attempt) throws Exception {
        if (options.passwords.isEmpty()) {
            throw new IllegalStateException("the server asks for a password; pass --password");
        }
        String password = options.passwords.get(Math.min(attempt, options.passwords.size() - 1));
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        sha.update(challenge.toByteArray());
        sha.update(password.getBytes(StandardCharsets.UTF_8));
        return new PasswordResponse(Bytes.adopt(sha.digest()));
    }

    /** A real client answers Raw and Direct at once (and Tick on its next tick; the bot has no ticks). */
    static void pong(HytaleBotConnection connection, Ping ping) throws IOException {
        Instant now = Instant.now();
        InstantData time = new InstantData(now.getEpochSecond(), now.getNano());
        connection.send(new Pong(ping.pingId(), time, PongType.RAW, (short) 0));
        connection.send(new Pong(ping.pingId(), time, PongType.DIRECT, (short) 0));
    }
}
