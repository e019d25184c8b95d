package io.gatehouse.registry.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gatehouse.contracts.session.v1.ClusterEvent;
import io.gatehouse.contracts.session.v1.ClusterPlayer;
import io.gatehouse.contracts.session.v1.Game;
import io.gatehouse.contracts.session.v1.Holder;
import io.gatehouse.contracts.session.v1.Kick;
import io.gatehouse.contracts.session.v1.PlayerJoined;
import io.gatehouse.contracts.session.v1.RelayedMessage;
import io.gatehouse.contracts.session.v1.SessionKey;
import io.gatehouse.contracts.session.v1.SessionReplaced;
import com.google.protobuf.ByteString;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** What every {@link ClusterEvents} adapter must do; subclasses give two buses that share one transport. */
abstract class ClusterEventsContract {

    private final List<ClusterEvents> opened = new java.util.ArrayList<>();

    /** A new bus instance (as another process would have) on the shared transport. */
    protected abstract ClusterEvents newBus();

    protected ClusterEvents open() {
        ClusterEvents bus = newBus();
        opened.add(bus);
        return bus;
    }

    @AfterEach
    void closeBuses() {
        opened.forEach(ClusterEvents::close);
    }

    static SessionKey key(Game game, String id) {
        return SessionKey.newBuilder().setGame(game).setId(id).build();
    }

    static ClusterEvent joined(String gateway, int netId) {
        return ClusterEvent.newBuilder().setOrigin(gateway).setPublishedAtMs(1)
                .setPlayerJoined(PlayerJoined.newBuilder()
                        .setPlayer(ClusterPlayer.newBuilder().setKey(key(Game.GAME_FIVEM, "1" + netId))
                                .setNetId(netId).setName("p" + netId).setSlotId(netId % 128).setGatewayId(gateway))
                        .addAnnounce(RelayedMessage.newBuilder().setChannel(1).setReliable(true)
                                .setPayload(ByteString.copyFrom(new byte[] {1, 2, 3, (byte) netId}))))
                .build();
    }

    static ClusterEvent replaced(String gateway, long peer) {
        return ClusterEvent.newBuilder().setOrigin("session-registry")
                .setSessionReplaced(SessionReplaced.newBuilder().setKey(key(Game.GAME_HYTALE, "u-" + peer))
                        .setOldHolder(Holder.newBuilder().setGatewayId(gateway).setPeerId(peer))
                        .setReason("Reconnecting"))
                .build();
    }

    static ClusterEvent kick(String id) {
        return ClusterEvent.newBuilder().setOrigin("admin")
                .setKick(Kick.newBuilder().setKey(key(Game.GAME_FIVEM, id)).setReason("Bye")).build();
    }

    /** A listener that keeps everything but the subscription probes. */
    static java.util.function.Consumer<ClusterEvent> collect(BlockingQueue<ClusterEvent> queue) {
        return e -> {
            if (!e.getOrigin().equals("probe")) {
                queue.add(e);
            }
        };
    }

    static ClusterEvent next(BlockingQueue<ClusterEvent> queue, Duration within) throws InterruptedException {
        ClusterEvent event = queue.poll(within.toMillis(), TimeUnit.MILLISECONDS);
        assertThat(event).as("an event within %s", within).isNotNull();
        return event;
    }

    @Test
    void everySubscriberOfEveryBusGetsEveryFamilyExactlyAsPublished() throws Exception {
        ClusterEvents a = open();
        ClusterEvents b = open();
        BlockingQueue<ClusterEvent> onA = new LinkedBlockingQueue<>();
        BlockingQueue<ClusterEvent> onB = new LinkedBlockingQueue<>();
        a.subscribe(collect(onA));
        b.subscribe(collect(onB));
        awaitSubscribed(a, b);

        List<ClusterEvent> sent = List.of(joined("gw-a", 7), replaced("gw-b", 42), kick("99"));
        for (ClusterEvent event : sent) {
            a.publish(event).get(2, TimeUnit.SECONDS);
        }
        for (BlockingQueue<ClusterEvent> queue : List.of(onA, onB)) {
            List<ClusterEvent> received = new java.util.ArrayList<>();
            for (int i = 0; i < sent.size(); i++) {
                received.add(next(queue, Duration.ofSeconds(2)));
            }
            // one publisher's events of different families may interleave across channels: compare as sets
            assertThat(received).containsExactlyInAnyOrderElementsOf(sent);
        }
    }

    @Test
    void oneFamilyKeepsOnePublishersOrder() throws Exception {
        ClusterEvents a = open();
        ClusterEvents b = open();
        BlockingQueue<ClusterEvent> onB = new LinkedBlockingQueue<>();
        b.subscribe(collect(onB));
        awaitSubscribed(a, b);
        for (int i = 1; i <= 50; i++) {
            a.publish(joined("gw-a", i));
        }
        for (int i = 1; i <= 50; i++) {
            assertThat(next(onB, Duration.ofSeconds(2)).getPlayerJoined().getPlayer().getNetId()).isEqualTo(i);
        }
    }

    @Test
    void aClosedSubscriptionGetsNothingMore() throws Exception {
        ClusterEvents a = open();
        BlockingQueue<ClusterEvent> gone = new LinkedBlockingQueue<>();
        BlockingQueue<ClusterEvent> stays = new LinkedBlockingQueue<>();
        ClusterEvents.Subscription subscription = a.subscribe(collect(gone));
        a.subscribe(collect(stays));
        awaitSubscribed(a, a);
        a.publish(kick("0")).get(2, TimeUnit.SECONDS);
        next(gone, Duration.ofSeconds(2));
        next(stays, Duration.ofSeconds(2));
        subscription.close();
        a.publish(kick("1")).get(2, TimeUnit.SECONDS);
        next(stays, Duration.ofSeconds(2));
        assertThat(gone.poll(200, TimeUnit.MILLISECONDS)).isNull();
    }

    @Test
    void anEventWithoutATypeIsRefused() {
        ClusterEvents a = open();
        assertThatThrownBy(() -> a.publish(ClusterEvent.newBuilder().setOrigin("x").build()).join())
                .hasRootCauseInstanceOf(IllegalArgumentException.class);
    }

    /**
     * Pub/sub subscriptions become effective asynchronously on a real server: probe with kicks from {@code from}
     * until {@code to} sees one, then drain the probes.
     */
    protected static void awaitSubscribed(ClusterEvents from, ClusterEvents to) throws Exception {
        BlockingQueue<ClusterEvent> probe = new LinkedBlockingQueue<>();
        ClusterEvents.Subscription s = to.subscribe(e -> {
            if (e.hasKick() && e.getKick().getReason().equals("probe")) {
                probe.add(e);
            }
        });
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (System.nanoTime() < deadline) {
                try {
                    from.publish(ClusterEvent.newBuilder().setOrigin("probe").setKick(Kick.newBuilder()
                            .setKey(key(Game.GAME_FIVEM, "0")).setReason("probe")).build()).get(1, TimeUnit.SECONDS);
                } catch (Exception notYet) {
                    // transport still (re)connecting
                }
                if (probe.poll(100, TimeUnit.MILLISECONDS) != null) {
                    return;
                }
            }
            throw new AssertionError("subscription never became effective");
        } finally {
            s.close();
        }
    }
}
