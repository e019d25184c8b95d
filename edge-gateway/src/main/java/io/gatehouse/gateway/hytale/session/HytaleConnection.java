package io.gatehouse.gateway.hytale.session;

import io.gatehouse.contracts.auth.v1.HytaleClient;
import io.gatehouse.contracts.world.v1.HytalePacket;
import io.gatehouse.contracts.world.v1.HytalePackets;
import io.gatehouse.gateway.hytale.client.HytaleRegistryClient.Registration;
import io.gatehouse.gateway.hytale.session.HytaleJoinMetrics.FailureReason;
import io.gatehouse.gateway.hytale.transport.HytaleCloseCodes;
import io.gatehouse.gateway.hytale.transport.HytaleConnectionContext;
import io.gatehouse.hytale.protocol.DisconnectReasons;
import io.gatehouse.hytale.protocol.netty.CodecState;
import io.gatehouse.hytale.protocol.netty.RawFrame;
import io.gatehouse.hytale.protocol.packet.Packet;
import io.gatehouse.hytale.protocol.packet.connection.Disconnect;
import io.gatehouse.hytale.protocol.registry.ProtocolVersion;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.EventLoop;
import io.netty.handler.codec.quic.QuicStreamChannel;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One Hytale player's connection: the stream, what the handshake established, and the active {@link StateHandler}.
 * Confined to the stream's event loop; async results come back through {@link #await}, which re-checks that the
 * connection is still open before acting (Velocity's pattern).
 */
public final class HytaleConnection {

    private static final Logger log = LoggerFactory.getLogger(HytaleConnection.class);

    private final HytaleSessionManager manager;
    private final QuicStreamChannel stream;
    private final HytaleConnectionContext context;
    private final CodecState codec;
    private final long peerId;

    private StateHandler handler;
    private ScheduledFuture<?> stageTimer;
    private long stageStartedNanos;
    /** When the stream opened (Connect on its way): the start of gatehouse_join_duration_seconds. */
    private final long openedNanos = System.nanoTime();
    private boolean closing;
    private boolean closed;
    private boolean connectReceived;
    private boolean joinOutcomeRecorded;
    private boolean inPlay;
    private long lastReadNanos = System.nanoTime();

    // What Connect and the login established.
    private UUID uuid;
    private String username;
    private String language;
    private int clientType;
    private Registration registration;

    HytaleConnection(HytaleSessionManager manager, QuicStreamChannel stream, HytaleConnectionContext context,
            CodecState codec, long peerId) {
        this.manager = manager;
        this.stream = stream;
        this.context = context;
        this.codec = codec;
        this.peerId = peerId;
    }

    // ------------------------------------------------------------------------------------------ accessors

    HytaleSessionManager manager() {
        return manager;
    }

    HytaleSessionProperties properties() {
        return manager.properties();
    }

    public HytaleConnectionContext context() {
        return context;
    }

    QuicStreamChannel stream() {
        return stream;
    }

    EventLoop eventLoop() {
        return stream.eventLoop();
    }

    public ProtocolVersion version() {
        return codec.version();
    }

    CodecState codec() {
        return codec;
    }

    public long peerId() {
        return peerId;
    }

    public ConnectionState state() {
        return handler == null ? ConnectionState.HANDSHAKING : handler.state();
    }

    public UUID uuid() {
        return uuid;
    }

    public String username() {
        return username;
    }

    Registration registration() {
        return registration;
    }

    void registration(Registration registration) {
        this.registration = registration;
    }

    void identify(UUID uuid, String username, String language, int clientType) {
        this.uuid = uuid;
        this.username = username;
        this.language = language;
        this.clientType = clientType;
        this.connectReceived = true;
    }

    /** Who is logging in, for the auth service. */
    HytaleClient client() {
        return HytaleClient.newBuilder()
                .setUuid(uuid.toString())
                .setUsername(username)
                .setCertificateFingerprint(context.clientCertificateFingerprint())
                .setServerCertificateFingerprint(manager.serverCertificateFingerprint())
                .setRemoteAddress(endpoint())
                .setGatewayId(manager.gatewayId())
                .setProtocolVersion(context.protocolVersion())
                .setLanguage(language == null ? "" : language)
                .setClientType(clientType)
                .build();
    }

    String language() {
        return language;
    }

    String endpoint() {
        return context.remoteAddress() == null ? ""
                : context.remoteAddress().getAddress().getHostAddress() + ":" + context.remoteAddress().getPort();
    }

    /** Open and not already saying goodbye: only then may a handler act. */
    public boolean isOpen() {
        return !closing && !closed && stream.isActive();
    }

    // ------------------------------------------------------------------------------------------ state machine

    void activate(StateHandler next) {
        ConnectionState previous = handler == null ? null : handler.state();
        if (previous != null && previous != next.state()) {
            manager.metrics().stageCompleted(previous, Duration.ofNanos(System.nanoTime() - stageStartedNanos));
        }
        if (previous != next.state()) {
            stageStartedNanos = System.nanoTime();
        }
        handler = next;
        if (next.state() == ConnectionState.PLAY && !inPlay) {
            inPlay = true;
            manager.metrics().playerEntered();
        }
        next.activated();
    }

    /** (Re)arms the stage deadline; when it passes in this state the player gets the official stage-timeout text. */
    void stageTimeout(Duration timeout) {
        cancelStageTimer();
        StateHandler armedFor = handler;
        stageTimer = eventLoop().schedule(() -> {
            if (isOpen() && handler == armedFor) {
                fail(FailureReason.TIMEOUT);
                disconnect(DisconnectReasons.STAGE_TIMEOUT);
            }
        }, timeout.toNanos(), TimeUnit.NANOSECONDS);
    }

    void cancelStageTimer() {
        if (stageTimer != null) {
            stageTimer.cancel(false);
            stageTimer = null;
        }
    }

    void received(Packet packet) {
        lastReadNanos = System.nanoTime();
        if (closing || closed) {
            return; // what arrives after Disconnect was written is moot
        }
        if (packet instanceof Disconnect disconnect) {
            log.debug("Hytale client {} disconnected ({})", uuid, disconnect.type());
            fail(FailureReason.CLIENT_DISCONNECTED);
            closeNow(HytaleCloseCodes.NO_ERROR, "");
            return;
        }
        handler.handle(packet);
    }

    /** A packet this state does not accept: silent close before Connect, else the official Disconnect. */
    void unexpected(Packet packet) {
        fail(FailureReason.PROTOCOL_ERROR);
        if (!connectReceived) {
            protocolViolation();
            return;
        }
        disconnect(DisconnectReasons.unexpectedPacket(packet.id()));
    }

    long lastReadNanos() {
        return lastReadNanos;
    }

    /** Runs {@code task} on the event loop if the connection is still open then; otherwise runs {@code ifClosed}. */
    void onLoop(Runnable task, Runnable ifClosed) {
        Runnable guarded = () -> {
            if (isOpen()) {
                task.run();
            } else if (ifClosed != null) {
                ifClosed.run();
            }
        };
        try {
            eventLoop().execute(guarded);
        } catch (RejectedExecutionException shuttingDown) {
            if (ifClosed != null) {
                ifClosed.run();
            }
        }
    }

    void writable() {
        if (handler != null && isOpen()) {
            handler.writable();
        }
    }

    /** Hops {@code future}'s outcome onto the event loop and runs {@code then} only if the connection is still open. */
    <T> void await(CompletableFuture<T> future, BiConsumer<T, Throwable> then) {
        future.whenComplete((value, error) -> {
            Runnable continuation = () -> {
                if (!isOpen()) {
                    return;
                }
                then.accept(value, error instanceof CompletionException c && c.getCause() != null ? c.getCause() : error);
            };
            if (eventLoop().inEventLoop()) {
                eventLoop().execute(continuation); // never re-enter a handler from inside itself
                return;
            }
            try {
                eventLoop().execute(continuation);
            } catch (RejectedExecutionException shuttingDown) {
                // the event loop is gone: so is the connection
            }
        });
    }

    // ------------------------------------------------------------------------------------------ output

    void send(Packet packet) {
        stream.write(packet, stream.voidPromise());
    }

    void sendAndFlush(Packet packet) {
        stream.writeAndFlush(packet, stream.voidPromise());
    }

    /** The world service's packets, framed with this version's zstd flags. */
    void sendAll(HytalePackets packets) {
        for (HytalePacket packet : packets.getPacketsList()) {
            stream.write(new RawFrame(packet.getId(), Unpooled.wrappedBuffer(packet.getPayload().asReadOnlyByteBuffer())),
                    stream.voidPromise());
        }
        stream.flush();
    }

    void flush() {
        stream.flush();
    }

    /** Disconnect(reason) then, once it is out, an application close 0 (the official CLOSE_ON_COMPLETE). */
    void disconnect(String reason) {
        disconnect(reason, HytaleCloseCodes.NO_ERROR);
    }

    void disconnect(String reason, int closeCode) {
        if (closing || closed) {
            return;
        }
        closing = true;
        cancelStageTimer();
        activateDisconnecting();
        Duration delay = properties().getCloseDelay();
        stream.writeAndFlush(Disconnect.withReason(reason)).addListener((ChannelFutureListener) written ->
                eventLoop().schedule(() -> closeNow(closeCode, reason), delay.toMillis(), TimeUnit.MILLISECONDS));
    }

    /** Application close without a Disconnect (version mismatch, rate limit). */
    void closeNow(int code, String phrase) {
        closing = true;
        cancelStageTimer();
        context.closeApplication(code, phrase);
    }

    /** Transport close PROTOCOL_VIOLATION, no Disconnect (framing errors, anything before Connect). */
    void protocolViolation() {
        closing = true;
        cancelStageTimer();
        context.closeProtocolViolation();
    }

    private void activateDisconnecting() {
        if (handler != null && handler.state() != ConnectionState.DISCONNECTING) {
            StateHandler previous = handler;
            handler = new DisconnectingHandler();
            previous.closed();
        }
    }

    // ------------------------------------------------------------------------------------------ outcome

    /** Records why the join failed, once, at the stage it failed in; joins already in play are not failures. */
    void fail(FailureReason reason) {
        if (joinOutcomeRecorded) {
            return;
        }
        joinOutcomeRecorded = true;
        manager.metrics().joinFailed(state(), reason);
    }

    void joinCompleted() {
        if (joinOutcomeRecorded) {
            return;
        }
        joinOutcomeRecorded = true;
        manager.metrics().joinCompleted();
        manager.metrics().stageCompleted(ConnectionState.PLAY, Duration.ofNanos(System.nanoTime() - stageStartedNanos));
        manager.metrics().joinDuration(Duration.ofNanos(System.nanoTime() - openedNanos));
    }

    /** The stream went inactive: the connection is over, whoever ended it. */
    void channelClosed() {
        if (closed) {
            return;
        }
        fail(FailureReason.CONNECTION_LOST);
        closed = true;
        cancelStageTimer();
        if (handler != null) {
            handler.closed();
            handler = new DisconnectedHandler();
        }
        if (inPlay) {
            inPlay = false;
            manager.metrics().playerLeft();
        }
        manager.released(this);
    }

    @Override
    public String toString() {
        return "HytaleConnection[" + endpoint() + ", " + username + ", " + state() + "]";
    }

    /** After Disconnect was written: everything the client still sends is dropped. */
    static final class DisconnectingHandler implements StateHandler {
        @Override
        public ConnectionState state() {
            return ConnectionState.DISCONNECTING;
        }

        @Override
        public void handle(Packet packet) {
        }
    }

    static final class DisconnectedHandler implements StateHandler {
        @Override
        public ConnectionState state() {
            return ConnectionState.DISCONNECTED;
        }

        @Override
        public void handle(Packet packet) {
        }
    }
}
