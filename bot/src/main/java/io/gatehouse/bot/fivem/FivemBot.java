package io.gatehouse.bot.fivem;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gatehouse.enet.DeliveryMode;
import io.gatehouse.enet.DisconnectReason;
import io.gatehouse.enet.EnetHost;
import io.gatehouse.enet.EnetListener;
import io.gatehouse.enet.EnetPeer;
import io.gatehouse.fivem.protocol.hash.HashString;
import io.gatehouse.fivem.protocol.ids.ClientGuid;
import io.gatehouse.fivem.protocol.net.ClientMessages;
import io.gatehouse.fivem.protocol.net.Handshake;
import io.gatehouse.fivem.protocol.net.ServerMessageDecoder;
import io.gatehouse.fivem.protocol.net.ServerMessageDecoder.ConnectOkMessage;
import io.gatehouse.fivem.protocol.net.ServerMessageDecoder.ObjectIdsMessage;
import io.gatehouse.fivem.protocol.net.ServerMessageDecoder.ServerMessage;
import io.gatehouse.fivem.protocol.oob.InfoResponse;
import io.gatehouse.fivem.protocol.oob.OutOfBand;
import io.gatehouse.fivem.protocol.ticket.CfxKeys;
import io.gatehouse.fivem.protocol.ticket.CfxTicketIssuer;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.EventLoopGroup;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The programmatic FiveM player behind {@code bot fivem}: the same stages (getinfo, /info.json, initConnect,
 * getEndpoints, getConfiguration, /files, ENet CONNECT + handshake, connectOK, msgObjectIds), but it returns a
 * {@link Joined} that stays connected (msgEnd keep-alives) until {@link Joined#quit()} or {@link Joined#close()}, and
 * it throws {@link JoinFailedException} with the stage and the server's own error text instead of printing.
 * HTTP and UDP may target different addresses ({@link Options#httpTarget}, {@link Options#udpTarget}): a player whose
 * initConnect ran on one gateway and whose ENet CONNECT reaches another.
 */
public final class FivemBot {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Where and as whom to join. */
    public static final class Options {
        String httpHost = "127.0.0.1";
        int httpPort = 30120;
        String udpHost = "127.0.0.1";
        int udpPort = 30120;
        boolean lan;
        String name = "bot";
        long guidIndex = System.nanoTime() & 0xFFFFFF;
        Path ticketKey;
        EventLoopGroup eventLoopGroup;
        HttpClient http;
        Duration stageTimeout = Duration.ofSeconds(10);
        boolean downloadFile = true;

        /** HTTP and UDP at the same {@code host:port} (a FiveM server's one port). */
        public Options target(String hostPort) {
            return httpTarget(hostPort).udpTarget(hostPort);
        }

        public Options httpTarget(String hostPort) {
            int colon = hostPort.lastIndexOf(':');
            this.httpHost = colon < 0 ? hostPort : hostPort.substring(0, colon);
            this.httpPort = colon < 0 ? 30120 : Integer.parseInt(hostPort.substring(colon + 1));
            return this;
        }

        public Options udpTarget(String hostPort) {
            int colon = hostPort.lastIndexOf(':');
            this.udpHost = colon < 0 ? hostPort : hostPort.substring(0, colon);
            this.udpPort = colon < 0 ? 30120 : Integer.parseInt(hostPort.substring(colon + 1));
            return this;
        }

        /** No Cfx ticket (a {@code gatehouse.fivem.lan=true} node). */
        public Options lan(boolean lan) {
            this.lan = lan;
            return this;
        }

        public Options name(String name) {
            this.name = name;
            return this;
        }

        /** The low bits of the guid ({@code ClientGuid.BASE | index}); one player per index. */
        public Options guid(long index) {
            this.guidIndex = index;
            return this;
        }

        /** The PEM key that signs this bot's Cfx tickets (not needed with {@link #lan}). */
        public Options ticketKey(Path pem) {
            this.ticketKey = pem;
            return this;
        }

        /** Run the ENet host on this group (shared by many bots; not shut down by the bot). */
        public Options eventLoopGroup(EventLoopGroup group) {
            this.eventLoopGroup = group;
            return this;
        }

        /** Share one HTTP client across bots. */
        public Options httpClient(HttpClient http) {
            this.http = http;
            return this;
        }

        /** How long each UDP stage waits (getinfo answer, CONNECT, connectOK, msgObjectIds). */
        public Options stageTimeout(Duration timeout) {
            this.stageTimeout = timeout;
            return this;
        }

        /** Skip the {@code /files} download (stage E'). */
        public Options downloadFile(boolean download) {
            this.downloadFile = download;
            return this;
        }

        public long guid() {
            return ClientGuid.BASE | guidIndex;
        }
    }

    /** One stage reached and when (since the join began). */
    public record Stage(String name, Duration at, String detail) {
    }

    /** The join did not complete: at which stage, and what the server said (its own text) if it said anything. */
    public static final class JoinFailedException extends Exception {
        private final String stage;
        private final String serverError;
        private final List<Stage> stages;

        JoinFailedException(String stage, String message, String serverError, List<Stage> stages, Throwable cause) {
            super(message, cause);
            this.stage = stage;
            this.serverError = serverError;
            this.stages = List.copyOf(stages);
        }

        public String stage() {
            return stage;
        }

        /** The server's error text (initConnect {@code error}, OOB {@code error}, HTTP body), or null. */
        public String serverError() {
            return serverError;
        }

        public List<Stage> stages() {
            return stages;
        }
    }

    /** A joined player; the ENet peer stays up (msgEnd every second) until {@link #quit()} or {@link #close()}. */
    public static final class Joined implements AutoCloseable {
        private final EnetHost enet;
        private final EnetPeer peer;
        private final BlockingQueue<byte[]> oob;
        private final ScheduledFuture<?> keepAlive;
        private final CompletableFuture<String> disconnected;
        private final int netId;
        private final int slot;
        private final long guid;
        private final List<Stage> stages;
        private final InetSocketAddress server;
        private final String hostname;

        Joined(EnetHost enet, EnetPeer peer, BlockingQueue<byte[]> oob, CompletableFuture<String> disconnected,
               int netId, int slot, long guid, List<Stage> stages, InetSocketAddress server, String hostname) {
            this.enet = enet;
            this.peer = peer;
            this.oob = oob;
            this.disconnected = disconnected;
            this.netId = netId;
            this.slot = slot;
            this.guid = guid;
            this.stages = List.copyOf(stages);
            this.server = server;
            this.hostname = hostname;
            this.keepAlive = enet.eventLoop().scheduleAtFixedRate(() -> {
                if (peer.isConnected()) {
                    peer.send(1, Unpooled.wrappedBuffer(ClientMessages.end()), DeliveryMode.UNSEQUENCED);
                }
            }, 1, 1, TimeUnit.SECONDS);
        }

        public int netId() {
            return netId;
        }

        public int slot() {
            return slot;
        }

        public long guid() {
            return guid;
        }

        public List<Stage> stages() {
            return stages;
        }

        /** The UDP address the player talks to (a gateway, or the balancer in front of them). */
        public InetSocketAddress server() {
            return server;
        }

        /** {@code sv_hostname} from the infoResponse the UDP address answered (which server is behind a balancer). */
        public String hostname() {
            return hostname;
        }

        /**
         * Completes when the server ends the session: with its OOB text ({@code error Server shutting down: ...})
         * or {@code "enet <reason>"} when the ENet peer went away without one.
         */
        public CompletableFuture<String> disconnected() {
            return disconnected;
        }

        /** msgIQuit, then waits up to {@code wait} for the server's goodbye; returns its text (or null). */
        public String quit(Duration wait) {
            String goodbye = null;
            try {
                if (!disconnected.isDone() && peer.isConnected()) {
                    peer.send(0, Unpooled.wrappedBuffer(ClientMessages.iQuit("Disconnected.")), DeliveryMode.RELIABLE);
                    byte[] reply = oob.poll(wait.toMillis(), TimeUnit.MILLISECONDS);
                    goodbye = reply == null ? null : FivemBotCommand.describeOob(reply);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                close();
            }
            return goodbye;
        }

        /** Drops the connection at once (DISCONNECT, no msgIQuit). */
        @Override
        public void close() {
            keepAlive.cancel(false);
            try {
                enet.eventLoop().submit(() -> peer.disconnectNow(0)).await(2, TimeUnit.SECONDS);
            } catch (Exception ignored) {
                // closing anyway
            }
            enet.close();
        }
    }

    private final Options options;
    private final Consumer<Stage> onStage;

    public FivemBot(Options options, Consumer<Stage> onStage) {
        this.options = options;
        this.onStage = onStage == null ? s -> { } : onStage;
    }

    /** Walks every stage; returns the joined player or throws with the stage and the server's text. */
    public Joined join() throws JoinFailedException {
        long start = System.nanoTime();
        List<Stage> stages = new ArrayList<>();
        String[] current = {"A getinfo"};
        Consumer<String> reached = detail -> {
            Stage stage = new Stage(current[0], Duration.ofNanos(System.nanoTime() - start), detail);
            stages.add(stage);
            onStage.accept(stage);
        };
        String base = "http://" + (options.httpHost.contains(":") ? "[" + options.httpHost + "]" : options.httpHost)
                + ":" + options.httpPort;
        long guid = options.guid();
        String guidText = Long.toUnsignedString(guid);
        BlockingQueue<byte[]> oob = new LinkedBlockingQueue<>();
        BlockingQueue<byte[]> received = new LinkedBlockingQueue<>();
        CompletableFuture<String> disconnected = new CompletableFuture<>();
        boolean[] joined = {false};
        InetSocketAddress server = new InetSocketAddress(options.udpHost, options.udpPort);
        EnetHost.Builder builder = EnetHost.builder().peerLimit(1).channelLimit(2).mtu(1300)
                .interceptor((h, sender, datagram) -> {
                    if (datagram.readableBytes() >= 4 && datagram.getInt(datagram.readerIndex()) == -1) {
                        if (sender.equals(server)) { // the client only accepts OOB from its server
                            byte[] bytes = ByteBufUtil.getBytes(datagram);
                            if (joined[0] && OutOfBand.parseError(bytes).isPresent()) {
                                disconnected.complete(FivemBotCommand.describeOob(bytes));
                            }
                            oob.add(bytes);
                        }
                        return true;
                    }
                    return false;
                })
                .listener(new EnetListener() {
                    @Override
                    public void onReceive(EnetPeer peer, int channelId, ByteBuf payload, DeliveryMode mode) {
                        received.add(ByteBufUtil.getBytes(payload));
                    }

                    @Override
                    public void onDisconnect(EnetPeer peer, DisconnectReason reason, int data) {
                        disconnected.complete("enet " + reason);
                    }
                });
        if (options.eventLoopGroup != null) {
            builder.eventLoopGroup(options.eventLoopGroup);
        }
        EnetHost enet = builder.build();
        HttpClient http = options.http != null ? options.http : httpClient();
        try {
            enet.sendRaw(server, Unpooled.wrappedBuffer(OutOfBand.getInfoRequest(OutOfBand.CLIENT_CHALLENGE)));
            byte[] info = oob.poll(options.stageTimeout.toMillis(), TimeUnit.MILLISECONDS);
            if (info == null) {
                throw new JoinFailedException(current[0], "no infoResponse from " + server, null, stages, null);
            }
            Map<String, String> vars = InfoResponse.parse(info).orElse(null);
            if (vars == null) {
                String error = OutOfBand.parseError(info).orElse(null);
                throw new JoinFailedException(current[0], "not an infoResponse: " + error, error, stages, null);
            }
            String hostname = vars.get("hostname");
            reached.accept("hostname=" + hostname + " clients=" + vars.get("clients") + "/" + vars.get("sv_maxclients"));

            current[0] = "B /info.json";
            HttpResponse<String> infoJson = http.send(HttpRequest.newBuilder(URI.create(base + "/info.json"))
                    .timeout(Duration.ofSeconds(30)).header("User-Agent", "CitizenFX/1").GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            expect200(infoJson, current[0], stages);
            reached.accept("");

            current[0] = "C initConnect";
            Map<String, String> form = new LinkedHashMap<>();
            form.put("method", "initConnect");
            form.put("name", options.name);
            form.put("protocol", Integer.toString(FivemBotCommand.NETWORK_PROTOCOL));
            form.put("gameName", "gta5");
            form.put("gameBuild", FivemBotCommand.GAME_BUILD);
            form.put("guid", guidText);
            if (!options.lan) {
                form.put("cfxTicket2", ticket(guid));
            }
            HttpResponse<String> init = FivemBotCommand.post(http, base, form, null);
            expect200(init, current[0], stages);
            JsonNode last = FivemBotCommand.lastObject(init.body());
            if (last.hasNonNull("error")) {
                String error = last.get("error").asText();
                throw new JoinFailedException(current[0], "initConnect refused: " + error, error, stages, null);
            }
            String token = last.path("token").asText("");
            if (token.isEmpty()) {
                throw new JoinFailedException(current[0], "initConnect gave no token: " + init.body(), null, stages,
                        null);
            }
            reached.accept("token");

            current[0] = "D getEndpoints";
            expect200(FivemBotCommand.post(http, base, Map.of("method", "getEndpoints", "token", token), null),
                    current[0], stages);
            reached.accept("");

            current[0] = "E getConfiguration";
            HttpResponse<String> config = FivemBotCommand.post(http, base, Map.of("method", "getConfiguration"), token);
            expect200(config, current[0], stages);
            JsonNode configuration = JSON.readTree(config.body());
            reached.accept(configuration.path("resources").size() + " resource(s)");

            if (options.downloadFile) {
                current[0] = "E' /files";
                reached.accept(FivemBotCommand.downloadOneFile(http, base, configuration, token));
            }

            current[0] = "F ENet CONNECT";
            EnetPeer peer;
            try {
                peer = enet.connect(server, 2, HashString.of(token))
                        .get(options.stageTimeout.toMillis(), TimeUnit.MILLISECONDS);
            } catch (java.util.concurrent.TimeoutException e) {
                throw new JoinFailedException(current[0], "ENet CONNECT to " + server + " not answered within "
                        + options.stageTimeout, rejection(oob), stages, e);
            }
            peer.setTimeout(10_000_000, 10_000_000, 30_000);
            peer.send(0, Unpooled.wrappedBuffer(Handshake.encode(token, guidText)), DeliveryMode.RELIABLE);
            reached.accept("connected to " + peer.remoteAddress());

            current[0] = "G connectOK";
            ConnectOkMessage ok = awaitMessage(received, oob, ConnectOkMessage.class, current[0], stages);
            reached.accept("netId=" + ok.connectOk().netId() + " slot=" + ok.connectOk().slot());

            current[0] = "J msgObjectIds";
            awaitMessage(received, oob, ObjectIdsMessage.class, current[0], stages);
            reached.accept("");
            joined[0] = true;
            return new Joined(enet, peer, oob, disconnected, ok.connectOk().netId(), ok.connectOk().slot(), guid,
                    stages, server, hostname);
        } catch (JoinFailedException e) {
            enet.close();
            throw e;
        } catch (InterruptedException e) {
            enet.close();
            Thread.currentThread().interrupt();
            throw new JoinFailedException(current[0], "interrupted", null, stages, e);
        } catch (Exception e) {
            enet.close();
            String message = e.getMessage() == null ? e.toString() : e.toString();
            throw new JoinFailedException(current[0], message, null, stages, e);
        }
    }

    /** An HTTP client as the bot uses it (HTTP/1.1, any server certificate). */
    public static HttpClient httpClient() {
        try {
            return HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
                    .sslContext(FivemBotCommand.trustAll()).version(HttpClient.Version.HTTP_1_1).build();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private String ticket(long guid) throws Exception {
        if (options.ticketKey == null || !Files.isRegularFile(options.ticketKey)) {
            throw new IllegalStateException("no Cfx ticket key at " + options.ticketKey + " (lan mode skips tickets)");
        }
        var key = CfxKeys.privateKeyFromPem(Files.readString(options.ticketKey));
        byte[] entitlement = MessageDigest.getInstance("SHA-1").digest(Long.toUnsignedString(guid)
                .getBytes(StandardCharsets.UTF_8));
        return CfxTicketIssuer.with(key).guid(guid).expiry(Instant.now().plus(Duration.ofHours(1)))
                .entitlementHash(entitlement).extraJson("{\"gn\":\"gta5\"}").issueBase64();
    }

    private static void expect200(HttpResponse<String> response, String stage, List<Stage> stages)
            throws JoinFailedException {
        if (response.statusCode() != 200) {
            throw new JoinFailedException(stage, stage + " answered HTTP " + response.statusCode() + ": "
                    + response.body(), response.body(), stages, null);
        }
    }

    private static String rejection(BlockingQueue<byte[]> oob) {
        byte[] datagram = oob.poll();
        return datagram == null ? null : FivemBotCommand.describeOob(datagram);
    }

    private <T extends ServerMessage> T awaitMessage(BlockingQueue<byte[]> received, BlockingQueue<byte[]> oob,
            Class<T> type, String stage, List<Stage> stages) throws Exception {
        long deadline = System.nanoTime() + options.stageTimeout.toNanos();
        while (System.nanoTime() < deadline) {
            byte[] error = oob.poll();
            if (error != null) {
                String text = FivemBotCommand.describeOob(error);
                throw new JoinFailedException(stage, "Connection rejected by server: " + text, text, stages, null);
            }
            byte[] packet = received.poll(50, TimeUnit.MILLISECONDS);
            if (packet != null) {
                ServerMessage message = ServerMessageDecoder.decode(packet);
                if (type.isInstance(message)) {
                    return type.cast(message);
                }
            }
        }
        throw new JoinFailedException(stage, "no " + type.getSimpleName() + " within " + options.stageTimeout,
                null, stages, null);
    }
}
