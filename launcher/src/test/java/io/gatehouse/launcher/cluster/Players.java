package io.gatehouse.launcher.cluster;

import io.gatehouse.bot.fivem.FivemBot;
import io.gatehouse.bot.hytale.HytaleBot;
import io.gatehouse.bot.hytale.HytaleBotOptions;
import io.gatehouse.bot.hytale.JoinFailedException;
import io.gatehouse.enet.EnetHost;
import io.netty.channel.EventLoopGroup;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;

/**
 * Simulated players driven in-process with the bot module's classes ({@link FivemBot}, {@link HytaleBot}), and the
 * test's own account of who is connected: the set the registry must equal once things settle.
 */
public final class Players implements AutoCloseable {

    /** A player the test believes is connected. */
    public static final class Player {
        public final String key;
        public final String via;
        public final Integer netId;
        public final Integer slot;
        /** The gateway the registry says holds this player (resolved right after the join), or null. */
        public volatile String gateway;
        private final FivemBot.Joined fivem;
        private final HytaleBot.Joined hytale;

        Player(String key, String via, FivemBot.Joined fivem, HytaleBot.Joined hytale) {
            this.key = key;
            this.via = via;
            this.fivem = fivem;
            this.hytale = hytale;
            this.netId = fivem != null ? fivem.netId() : null;
            this.slot = fivem != null ? fivem.slot() : null;
        }

        public boolean isFivem() {
            return fivem != null;
        }

        /** Completes with what the server said when it ended the session (FiveM OOB text / Hytale Disconnect). */
        public CompletableFuture<String> disconnected() {
            return fivem != null ? fivem.disconnected() : hytale.disconnected();
        }

        public FivemBot.Joined fivem() {
            return fivem;
        }

        public HytaleBot.Joined hytale() {
            return hytale;
        }

        @Override
        public String toString() {
            return key + (netId != null ? " netId=" + netId + " slot=" + slot : "") + " via " + via + " on " + gateway;
        }
    }

    /** The outcome of one join attempt: a player, or the failure with the stage and the server's text. */
    public record Outcome(String game, String key, Duration took, Player player, String stage, String error,
                          String serverText) {
        public boolean joined() {
            return player != null;
        }

        @Override
        public String toString() {
            return game + " " + key + " " + (joined() ? "joined" : "FAILED at " + stage + ": " + error)
                    + " (" + took.toMillis() + " ms)";
        }
    }

    private final java.util.function.Function<String, String> locator;
    private final EventLoopGroup enetGroup = EnetHost.newEventLoopGroup(2);
    private final HttpClient http = FivemBot.httpClient();
    private final Map<String, Player> connected = new ConcurrentHashMap<>();
    private final AtomicLong nextGuid = new AtomicLong(1000 + (System.nanoTime() & 0xFFFF) * 1000);
    /** Net IDs / slots of connected FiveM players: a second holder is a duplicate the registry handed out. */
    private final Map<Integer, String> netIdHolders = new ConcurrentHashMap<>();
    private final Map<Integer, String> slotHolders = new ConcurrentHashMap<>();
    private final List<String> duplicates = java.util.Collections.synchronizedList(new ArrayList<>());

    /** @param locator qualified key → name of the gateway holding it (null if unknown); may be null */
    public Players(java.util.function.Function<String, String> locator) {
        this.locator = locator == null ? k -> null : locator;
    }

    /** Locates players through the registry and the cluster's gateway ids. */
    public static Players locatedBy(Cluster cluster, RegistryView registry) {
        return new Players(key -> {
            try {
                Cluster.Gateway gateway = cluster.gatewayHolding(registry.holderOf(key));
                return gateway == null ? null : gateway.name();
            } catch (RuntimeException e) {
                return null;
            }
        });
    }

    /** A FiveM join with HTTP and UDP at one address (a gateway or the balancer). */
    public Outcome joinFivem(String target) {
        return joinFivem(target, target);
    }

    /** A FiveM join with initConnect and the rest of HTTP at {@code httpTarget}, OOB and ENet at {@code udpTarget}. */
    public Outcome joinFivem(String httpTarget, String udpTarget) {
        long guidIndex = nextGuid.getAndIncrement();
        FivemBot.Options options = new FivemBot.Options().httpTarget(httpTarget).udpTarget(udpTarget).lan(true)
                .name("cluster-" + guidIndex).guid(guidIndex).eventLoopGroup(enetGroup).httpClient(http)
                .stageTimeout(Duration.ofSeconds(10)).downloadFile(false);
        String key = "fivem:" + Long.toUnsignedString(options.guid());
        long start = System.nanoTime();
        try {
            FivemBot.Joined joined = new FivemBot(options, null).join();
            String via = httpTarget.equals(udpTarget) ? udpTarget : "http " + httpTarget + " / udp " + udpTarget;
            Player player = new Player(key, via, joined, null);
            hold(player);
            return new Outcome("fivem", key, since(start), player, null, null, null);
        } catch (FivemBot.JoinFailedException e) {
            return new Outcome("fivem", key, since(start), null, e.stage(), e.getMessage(), e.serverError());
        }
    }

    /** An insecure-mode Hytale join (protocol 2) at {@code port} on loopback. */
    public Outcome joinHytale(int port) {
        UUID uuid = UUID.randomUUID();
        String key = "hytale:" + uuid;
        HytaleBotOptions options = new HytaleBotOptions().target("127.0.0.1", port).insecure(true)
                .username("c" + uuid.toString().substring(0, 8)).uuid(uuid).timeout(Duration.ofSeconds(30))
                .connectAttempts(3);
        long start = System.nanoTime();
        try {
            HytaleBot.Joined joined = new HytaleBot(options, null).join();
            Player player = new Player(key, "127.0.0.1:" + port, null, joined);
            hold(player);
            return new Outcome("hytale", key, since(start), player, null, null, null);
        } catch (JoinFailedException e) {
            return new Outcome("hytale", key, since(start), null, e.stage(), e.getMessage(), e.disconnectReason());
        } catch (RuntimeException e) {
            return new Outcome("hytale", key, since(start), null, "?", e.toString(), null);
        }
    }

    private void hold(Player player) {
        if (player.netId != null) {
            String other = netIdHolders.putIfAbsent(player.netId, player.key);
            if (other != null && !other.equals(player.key)) {
                duplicates.add("net ID " + player.netId + " given to " + player.key + " while " + other + " holds it");
            }
            String otherSlot = slotHolders.putIfAbsent(player.slot, player.key);
            if (otherSlot != null && !otherSlot.equals(player.key)) {
                duplicates.add("slot " + player.slot + " given to " + player.key + " while " + otherSlot + " holds it");
            }
        }
        player.gateway = locator.apply(player.key);
        connected.put(player.key, player);
    }

    /** Connected players the registry placed on {@code gateway} (by name). */
    public List<Player> connectedOn(String gateway) {
        return connected.values().stream().filter(p -> gateway.equals(p.gateway)).toList();
    }

    /** The player leaves cleanly (FiveM msgIQuit, Hytale connection close). Returns the FiveM goodbye text. */
    public String leave(Player player) {
        forget(player);
        if (player.fivem != null) {
            return player.fivem.quit(Duration.ofSeconds(3));
        }
        player.hytale.close();
        return null;
    }

    /** No longer held (its gateway died or dropped it); the registry must release it on its own. */
    public void forget(Player player) {
        connected.remove(player.key);
        if (player.netId != null) {
            netIdHolders.remove(player.netId, player.key);
            slotHolders.remove(player.slot, player.key);
        }
    }

    /** Forgets every player whose session the server ended; returns them. */
    public List<Player> forgetDisconnected() {
        List<Player> gone = connected.values().stream().filter(p -> p.disconnected().isDone()).toList();
        gone.forEach(this::forget);
        return gone;
    }

    public List<Player> connected() {
        return List.copyOf(connected.values());
    }

    public List<Player> connectedVia(String via) {
        return connected.values().stream().filter(p -> p.via.contains(via)).toList();
    }

    public Set<String> fivemKeys() {
        return connected.keySet().stream().filter(k -> k.startsWith("fivem:")).collect(Collectors.toSet());
    }

    public Set<String> hytaleKeys() {
        return connected.keySet().stream().filter(k -> k.startsWith("hytale:")).collect(Collectors.toSet());
    }

    public List<String> duplicates() {
        return List.copyOf(duplicates);
    }

    /** Every connected player leaves. */
    public void leaveAll() {
        for (Player player : connected()) {
            leave(player);
        }
    }

    private static Duration since(long start) {
        return Duration.ofNanos(System.nanoTime() - start);
    }

    @Override
    public void close() {
        for (Player player : connected()) {
            try {
                if (player.fivem != null) {
                    player.fivem.close();
                } else {
                    player.hytale.close();
                }
            } catch (RuntimeException ignored) {
                // closing anyway
            }
        }
        connected.clear();
        enetGroup.shutdownGracefully(0, 1, TimeUnit.SECONDS);
    }
}
