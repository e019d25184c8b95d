package io.gatehouse.gateway.hytale.session;

import io.gatehouse.contracts.world.v1.HytaleReadyRequest;
import io.gatehouse.gateway.hytale.transport.HytaleCloseCodes;
import io.gatehouse.hytale.protocol.DisconnectReasons;
import io.gatehouse.hytale.protocol.packet.Packet;
import io.gatehouse.hytale.protocol.packet.connection.Ping;
import io.gatehouse.hytale.protocol.packet.connection.Pong;
import io.gatehouse.hytale.protocol.packet.join.ClientReady;
import io.gatehouse.hytale.protocol.types.InstantData;
import java.time.Instant;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Stage "play" ({@code GamePacketHandler}): JoinWorld has been sent. ClientReady(readyForChunks) must come within
 * 30 s and is answered with the world's ViewRadius + SetClientId (the registry's net ID); ClientReady(readyForGameplay)
 * completes the join. A Ping goes out every second; a client silent for PlayTimeout gets "Read timeout" and
 * application close 4. Gameplay packets are not modelled by this edge and are dropped.
 */
final class PlayHandler implements StateHandler {

    private final HytaleConnection connection;
    private ScheduledFuture<?> ticker;
    private int pingId;
    private long lastPingSentNanos;
    private int lastRaw;
    private int lastDirect;
    private int lastTick;
    private boolean readyRequested;
    private boolean readyAnswered;
    private boolean gameplayReady;

    PlayHandler(HytaleConnection connection) {
        this.connection = connection;
    }

    @Override
    public ConnectionState state() {
        return ConnectionState.PLAY;
    }

    @Override
    public void activated() {
        connection.stageTimeout(connection.properties().getTimeouts().getClientReady());
        long interval = connection.properties().getPingInterval().toNanos();
        ticker = connection.eventLoop().scheduleAtFixedRate(this::tick, interval, interval, TimeUnit.NANOSECONDS);
    }

    private void tick() {
        if (!connection.isOpen()) {
            return;
        }
        long silentFor = System.nanoTime() - connection.lastReadNanos();
        if (silentFor > connection.properties().getTimeouts().getPlay().toNanos()) {
            connection.fail(HytaleJoinMetrics.FailureReason.TIMEOUT);
            connection.disconnect(DisconnectReasons.READ_TIMEOUT, HytaleCloseCodes.TIMEOUT);
            return;
        }
        Instant now = Instant.now();
        lastPingSentNanos = System.nanoTime();
        connection.sendAndFlush(new Ping(++pingId, new InstantData(now.getEpochSecond(), now.getNano()),
                lastRaw, lastDirect, lastTick));
    }

    @Override
    public void handle(Packet packet) {
        if (packet instanceof ClientReady ready) {
            if (ready.readyForChunks() && !readyRequested) {
                readyRequested = true;
                requestReady();
            }
            if (ready.readyForGameplay()) {
                gameplayReady = true;
                completeIfReady();
            }
        } else if (packet instanceof Pong pong) {
            if (pong.pingId() == pingId) {
                int rttMicros = (int) Math.min(Integer.MAX_VALUE, (System.nanoTime() - lastPingSentNanos) / 1_000);
                switch (pong.type()) {
                    case RAW -> lastRaw = rttMicros;
                    case DIRECT -> lastDirect = rttMicros;
                    case TICK -> lastTick = rttMicros;
                    default -> { }
                }
            }
        }
        // Everything else is gameplay this edge does not model: dropped, but it still counts as activity.
    }

    private void requestReady() {
        HytaleReadyRequest request = HytaleReadyRequest.newBuilder()
                .setUuid(connection.uuid().toString())
                .setProtocolVersion(connection.context().protocolVersion())
                .setClientId(connection.registration().netId())
                .build();
        connection.await(connection.manager().world().ready(request), (packets, error) -> {
            if (error != null) {
                connection.fail(ServiceFailures.metricReason(error));
                connection.disconnect(ServiceFailures.SERVER_UNAVAILABLE);
                return;
            }
            connection.cancelStageTimer();
            connection.sendAll(packets);
            readyAnswered = true;
            completeIfReady();
        });
    }

    private void completeIfReady() {
        if (readyAnswered && gameplayReady) {
            connection.joinCompleted();
        }
    }

    @Override
    public void closed() {
        if (ticker != null) {
            ticker.cancel(false);
        }
    }
}
