package io.gatehouse.bot.bench;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gatehouse.enet.DeliveryMode;
import io.gatehouse.enet.DisconnectReason;
import io.gatehouse.enet.EnetHost;
import io.gatehouse.enet.EnetListener;
import io.gatehouse.enet.EnetPeer;
import io.gatehouse.fivem.protocol.form.FormEncoder;
import io.gatehouse.fivem.protocol.hash.HashString;
import io.gatehouse.fivem.protocol.ids.ClientGuid;
import io.gatehouse.fivem.protocol.net.ClientMessages;
import io.gatehouse.fivem.protocol.net.Handshake;
import io.gatehouse.fivem.protocol.net.ServerMessageDecoder;
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
import java.security.interfaces.RSAPrivateCrtKey;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * FiveM joins as the CitizenFX client makes them: {@code POST /client initConnect} with a Cfx ticket (deferrals
 * streamed), {@code getEndpoints}, ENet CONNECT with {@code HashString(token)} as connect data, the handshake
 * message, and {@code connectOK}. Then {@code msgIQuit} and an ENet disconnect, or (held) an idle connected peer.
 * Tickets are issued before the measured part: the Cfx issuer signs them, not the client.
 */
final class FivemScenario implements Scenario {

    private static final ObjectMapper JSON = new ObjectMapper().enable(JsonParser.Feature.AUTO_CLOSE_SOURCE);
    private static final int PEERS_PER_HOST = 4000;
    /** A current GTA V build, as the real client reports it in {@code gameBuild}. */
    private static final String GAME_BUILD = "3258";

    private final String base;
    private final InetSocketAddress udp;
    private final boolean lan;
    private final Path ticketKey;
    private final long runId = (System.currentTimeMillis() / 1000) & 0xFFF;
    private final HttpClient http;
    private final EventLoopGroup enetLoop = EnetHost.newEventLoopGroup(1);
    private final List<EnetHost> hosts = new ArrayList<>();
    private final Set<EnetPeer> held = ConcurrentHashMap.newKeySet();
    private final List<String> tickets = new ArrayList<>();
    private final long stageTimeoutMillis;

    /** Per-peer join state, attached to the client-side {@link EnetPeer}. */
    private static final class Attempt {
        final CompletableFuture<Void> done;
        final boolean hold;

        Attempt(CompletableFuture<Void> done, boolean hold) {
            this.done = done;
            this.hold = hold;
        }
    }

    FivemScenario(InetSocketAddress server, boolean lan, Path ticketKey, int maxPeers, long stageTimeoutMillis) {
        this.stageTimeoutMillis = stageTimeoutMillis;
        this.base = "http://" + server.getHostString() + ":" + server.getPort();
        this.udp = server;
        this.lan = lan;
        this.ticketKey = ticketKey;
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5))
                .executor(Executors.newFixedThreadPool(2, r -> {
                    Thread t = new Thread(r, "bench-http");
                    t.setDaemon(true);
                    return t;
                })).build();
        EnetListener listener = new EnetListener() {
            @Override
            public void onReceive(EnetPeer peer, int channelId, ByteBuf payload, DeliveryMode mode) {
                if (!(peer.attachment() instanceof Attempt attempt) || attempt.done.isDone()) {
                    return;
                }
                if (ServerMessageDecoder.decode(ByteBufUtil.getBytes(payload))
                        instanceof ServerMessageDecoder.ConnectOkMessage) {
                    if (attempt.hold) {
                        held.add(peer);
                    } else {
                        peer.send(0, Unpooled.wrappedBuffer(ClientMessages.iQuit("Disconnected.")), DeliveryMode.RELIABLE);
                        peer.disconnectLater(0);
                    }
                    attempt.done.complete(null);
                }
            }

            @Override
            public void onDisconnect(EnetPeer peer, DisconnectReason reason, int data) {
                held.remove(peer);
                if (peer.attachment() instanceof Attempt attempt) {
                    attempt.done.completeExceptionally(new JoinFailure("enet", "disconnected: " + reason));
                }
            }
        };
        int hostCount = Math.max(1, (maxPeers + PEERS_PER_HOST - 1) / PEERS_PER_HOST);
        for (int i = 0; i < hostCount; i++) {
            hosts.add(EnetHost.builder().peerLimit(PEERS_PER_HOST).channelLimit(2).mtu(1300).eventLoopGroup(enetLoop)
                    // out-of-band datagrams (error replies) are not ENet: the join's timeout reports them
                    .interceptor((h, sender, datagram) -> datagram.readableBytes() >= 4
                            && datagram.getInt(datagram.readerIndex()) == -1)
                    .listener(listener).build());
        }
    }

    @Override
    public String name() {
        return "fivem";
    }

    private long guid(int index) {
        return ClientGuid.BASE | (runId << 20) | (index & 0xFFFFF);
    }

    @Override
    public void prepare(int count) throws Exception {
        if (lan) {
            return;
        }
        if (!Files.isRegularFile(ticketKey)) {
            throw new IllegalStateException("no Cfx ticket key at " + ticketKey + " (pass --lan for a "
                    + "gatehouse.fivem.lan=true node, or --ticket-key/--data-dir)");
        }
        RSAPrivateCrtKey key = CfxKeys.privateKeyFromPem(Files.readString(ticketKey));
        MessageDigest sha1 = MessageDigest.getInstance("SHA-1");
        Instant expiry = Instant.now().plus(Duration.ofHours(1));
        for (int i = 0; i < count; i++) {
            long guid = guid(i);
            byte[] entitlement = sha1.digest(Long.toUnsignedString(guid).getBytes(StandardCharsets.UTF_8));
            tickets.add(CfxTicketIssuer.with(key).guid(guid).expiry(expiry).entitlementHash(entitlement)
                    .extraJson("{\"gn\":\"gta5\"}").issueBase64());
        }
    }

    @Override
    public CompletableFuture<Void> join(int index, boolean hold) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        String[] stage = {"initConnect"};
        CompletableFuture.delayedExecutor(stageTimeoutMillis, TimeUnit.MILLISECONDS).execute(() ->
                done.completeExceptionally(new JoinFailure(stage[0], "timeout after " + stageTimeoutMillis + " ms")));
        String guidText = Long.toUnsignedString(guid(index));
        Map<String, String> form = new LinkedHashMap<>();
        form.put("method", "initConnect");
        form.put("name", "bench" + index);
        form.put("protocol", "12");
        form.put("gameName", "gta5");
        form.put("gameBuild", GAME_BUILD); // the real client always sends it; FXServer refuses an absent build
        form.put("guid", guidText);
        if (!lan) {
            form.put("cfxTicket2", tickets.get(index % tickets.size()));
        }
        post(form, null).thenCompose(init -> {
            stage[0] = "getEndpoints";
            String token = finalObject(init).path("token").asText("");
            if (token.isEmpty()) {
                throw new JoinFailure("initConnect", "no token: " + abbreviate(init));
            }
            return post(Map.of("method", "getEndpoints", "token", token), null).thenApply(ignored -> token);
        }).thenCompose(token -> {
            stage[0] = "enet-connect";
            EnetHost host = hosts.get(index % hosts.size());
            return host.connect(udp, 2, HashString.of(token)).thenApply(peer -> {
                stage[0] = "connectOK";
                peer.attach(new Attempt(done, hold));
                peer.send(0, Unpooled.wrappedBuffer(Handshake.encode(token, guidText)), DeliveryMode.RELIABLE);
                return peer;
            });
        }).whenComplete((peer, error) -> {
            if (error != null) {
                done.completeExceptionally(error instanceof java.util.concurrent.CompletionException c
                        && c.getCause() != null ? c.getCause() : error);
            }
        });
        return done;
    }

    private CompletableFuture<String> post(Map<String, String> form, String token) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + "/client"))
                .timeout(Duration.ofSeconds(30))
                .header("User-Agent", "CitizenFX/1")
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(FormEncoder.encode(form)));
        if (token != null) {
            request.header("X-CitizenFX-Token", token);
        }
        String method = form.get("method");
        return http.sendAsync(request.build(), HttpResponse.BodyHandlers.ofString()).thenApply(response -> {
            if (response.statusCode() != 200) {
                throw new JoinFailure(method, "HTTP " + response.statusCode() + " " + abbreviate(response.body()));
            }
            return response.body();
        });
    }

    /** The streamed initConnect body: deferral chunks, then the final object, which decides. */
    private static JsonNode finalObject(String body) {
        JsonNode last = null;
        try (MappingIterator<JsonNode> values = JSON.readerFor(JsonNode.class).readValues(body)) {
            while (values.hasNext()) {
                JsonNode value = values.next();
                if (value.isObject() && !value.has("defer")) {
                    last = value;
                }
            }
        } catch (Exception e) {
            throw new JoinFailure("initConnect", "unreadable body: " + abbreviate(body));
        }
        if (last == null) {
            throw new JoinFailure("initConnect", "no final object: " + abbreviate(body));
        }
        if (last.hasNonNull("error")) {
            throw new JoinFailure("initConnect", "refused: " + abbreviate(last.get("error").asText()));
        }
        return last;
    }

    private static String abbreviate(String s) {
        return s.length() > 160 ? s.substring(0, 160) + "..." : s;
    }

    @Override
    public int held() {
        return held.size();
    }

    @Override
    public void releaseHeld() throws Exception {
        for (EnetPeer peer : List.copyOf(held)) {
            peer.attach(null);
            peer.send(0, Unpooled.wrappedBuffer(ClientMessages.iQuit("Disconnected.")), DeliveryMode.RELIABLE);
            peer.disconnectLater(0);
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!held.isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        held.clear();
    }

    @Override
    public void close() {
        hosts.forEach(EnetHost::close);
        enetLoop.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS);
    }
}
