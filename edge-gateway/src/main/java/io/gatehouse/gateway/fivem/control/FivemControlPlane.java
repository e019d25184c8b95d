package io.gatehouse.gateway.fivem.control;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gatehouse.contracts.auth.v1.ClientRequest;
import io.gatehouse.contracts.auth.v1.FivemAuthGrpc;
import io.gatehouse.contracts.auth.v1.JsonChunk;
import io.gatehouse.contracts.session.v1.SessionRegistryGrpc;
import io.gatehouse.contracts.session.v1.TouchTokenRequest;
import io.gatehouse.contracts.session.v1.TouchTokenResponse;
import io.gatehouse.contracts.world.v1.FivemFileChunk;
import io.gatehouse.contracts.world.v1.FivemWorldGrpc;
import io.gatehouse.contracts.world.v1.OpenFivemFileRequest;
import io.gatehouse.contracts.world.v1.ServerInfoReply;
import io.gatehouse.contracts.world.v1.ServerInfoRequest;
import io.gatehouse.contracts.world.v1.WorldContentGrpc;
import io.gatehouse.fivem.protocol.http.ClientEndpoint;
import io.gatehouse.gateway.client.GuardedCalls;
import io.gatehouse.gateway.fivem.http.ClientCall;
import io.gatehouse.gateway.fivem.http.FileRequest;
import io.gatehouse.gateway.fivem.http.FivemHttpHandlers;
import io.gatehouse.gateway.fivem.http.FivemRequest;
import io.gatehouse.gateway.fivem.http.FivemResponse;
import io.gatehouse.gateway.fivem.http.FivemStatusException;
import io.grpc.Channel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.ClientCallStreamObserver;
import io.grpc.stub.ClientResponseObserver;
import io.grpc.stub.StreamObserver;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.FluxSink;
import reactor.core.publisher.Mono;

/**
 * The FiveM HTTP handlers (the transport's {@link FivemHttpHandlers} SPI) over gRPC: {@code /info.json},
 * {@code /dynamic.json}, {@code /players.json} from {@code FivemWorld.ServerInfo}; {@code POST /client} from
 * {@code FivemAuth} (initConnect streamed chunk by chunk, the player closing the request cancels the call and so the
 * deferral); {@code /files} streamed from {@code WorldContent.OpenFivemFile} with flow control and a Touch of the
 * client's session. Every call has a deadline, a circuit breaker and a bulkhead ({@link GuardedCalls}).
 */
public final class FivemControlPlane implements FivemHttpHandlers.Info, FivemHttpHandlers.Dynamic,
        FivemHttpHandlers.Players, FivemHttpHandlers.Client, FivemHttpHandlers.Files {

    private static final Logger log = LoggerFactory.getLogger(FivemControlPlane.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Download chunks requested from the world service ahead of the socket (each at most 128 KiB). */
    private static final int FILE_PREFETCH = 4;

    private final FivemAuthGrpc.FivemAuthStub auth;
    private final FivemWorldGrpc.FivemWorldStub world;
    private final WorldContentGrpc.WorldContentStub content;
    private final SessionRegistryGrpc.SessionRegistryStub session;
    private final Duration sessionDeadline;
    private final FivemControlProperties properties;
    private final GuardedCalls authCalls;
    private final GuardedCalls worldCalls;
    private final FivemControlMetrics metrics;
    private final String gatewayId;
    /** The last ServerInfo replies (without / with players.json), served while the world service is away. */
    private volatile ServerInfoReply lastInfo;
    private volatile ServerInfoReply lastInfoWithPlayers;
    static final String SERVER_INFO_UNAVAILABLE = "Server information is unavailable right now. Please try again.";

    /** {@code authCalls} and {@code worldCalls} carry the services' deadlines. */
    public FivemControlPlane(Channel authChannel, Channel worldChannel, Channel sessionChannel,
                             Duration sessionDeadline, FivemControlProperties properties,
                             GuardedCalls authCalls, GuardedCalls worldCalls, FivemControlMetrics metrics,
                             String gatewayId) {
        this.auth = FivemAuthGrpc.newStub(authChannel);
        this.world = FivemWorldGrpc.newStub(worldChannel);
        this.content = WorldContentGrpc.newStub(worldChannel);
        this.session = SessionRegistryGrpc.newStub(sessionChannel);
        this.sessionDeadline = sessionDeadline;
        this.properties = properties;
        this.authCalls = authCalls;
        this.worldCalls = worldCalls;
        this.metrics = metrics;
        this.gatewayId = gatewayId;
    }

    // ---- /info.json, /dynamic.json, /players.json ----

    @Override
    public Mono<FivemResponse> info(FivemRequest request) {
        return serverInfo(false).map(r -> FivemResponse.ok(r.getInfoJson().toString(StandardCharsets.UTF_8)));
    }

    @Override
    public Mono<FivemResponse> dynamic(FivemRequest request) {
        return serverInfo(false).map(r -> FivemResponse.ok(r.getDynamicJson().toString(StandardCharsets.UTF_8)));
    }

    @Override
    public Mono<FivemResponse> players(FivemRequest request) {
        return serverInfo(true).map(r -> FivemResponse.ok(r.getPlayersJson().toString(StandardCharsets.UTF_8)));
    }

    /**
     * The world's ServerInfo; when the world service is unreachable (or its breaker open), the last reply this
     * gateway got (counts stale during the outage). With nothing to serve, a plain-text 503, never an empty 500.
     */
    private Mono<ServerInfoReply> serverInfo(boolean includePlayers) {
        ServerInfoRequest req = ServerInfoRequest.newBuilder().setIncludePlayers(includePlayers).build();
        return worldCalls.<ServerInfoRequest, ServerInfoReply>mono(o -> world
                        .withDeadlineAfter(worldCalls.deadlineMillis(null), TimeUnit.MILLISECONDS).serverInfo(req, o))
                .doOnNext(reply -> {
                    lastInfo = reply;
                    if (includePlayers) {
                        lastInfoWithPlayers = reply;
                    }
                })
                .onErrorResume(e -> {
                    ServerInfoReply last = includePlayers ? lastInfoWithPlayers : lastInfo;
                    if (last == null) {
                        log.debug("ServerInfo unavailable and nothing cached: {}", e.toString());
                        return Mono.error(new FivemStatusException(503, SERVER_INFO_UNAVAILABLE));
                    }
                    return Mono.just(last);
                });
    }

    // ---- POST /client ----

    @Override
    public Flux<String> call(ClientCall call) {
        return switch (call.method()) {
            case "initConnect" -> initConnect(call);
            case "getEndpoints", "getConfiguration", "submitCard" -> clientMethod(call);
            // the dispatcher's own error: no CRLF, so it is a plain body rather than a chunk
            default -> Flux.error(new FivemStatusException(200, ClientEndpoint.errorBody("invalid method")));
        };
    }

    private ClientRequest clientRequest(ClientCall call) {
        FivemRequest r = call.request();
        ClientRequest.Builder b = ClientRequest.newBuilder()
                .putAllForm(call.form())
                .setClientAddress(r.clientAddress().getHostAddress())
                .setGatewayId(gatewayId);
        r.citizenFxToken().ifPresent(b::setTokenHeader);
        String host = r.headers().getFirst("Host");
        if (host != null) {
            b.setServerEndpoint(host);
        }
        return b.build();
    }

    private Flux<String> clientMethod(ClientCall call) {
        ClientRequest req = clientRequest(call);
        return authCalls.<ClientRequest, JsonChunk>flux(o -> auth
                        .withDeadlineAfter(authCalls.deadlineMillis(null), TimeUnit.MILLISECONDS).clientMethod(req, o))
                .map(JsonChunk::getJson);
    }

    /** FXServer-style text for a join the backends cannot take right now (registry or auth down, breaker open). */
    public static final String UNAVAILABLE_TEXT =
            "The server could not process your connection right now. Please try again.";
    /** What a player gets from a draining gateway (the balancer should no longer send any). */
    public static final String SHUTTING_DOWN_TEXT = "Server shutting down. Please reconnect.";

    private volatile java.util.function.BooleanSupplier acceptingJoins = () -> true;

    /** While this says false (the gateway drains), initConnect answers 503 with {@link #SHUTTING_DOWN_TEXT}. */
    public void setJoinGate(java.util.function.BooleanSupplier acceptingJoins) {
        this.acceptingJoins = acceptingJoins;
    }

    private Flux<String> initConnect(ClientCall call) {
        if (!acceptingJoins.getAsBoolean()) {
            metrics.started();
            metrics.failed("init_connect", "closed");
            return Flux.error(new FivemStatusException(503, ClientEndpoint.errorBody(SHUTTING_DOWN_TEXT)));
        }
        ClientRequest req = clientRequest(call);
        return Flux.defer(() -> {
            metrics.started();
            long start = System.nanoTime();
            InitConnectObserver observer = new InitConnectObserver(start);
            return authCalls.<ClientRequest, JsonChunk>flux(o -> auth
                            .withDeadlineAfter(authCalls.deadlineMillis(properties.getInitConnectDeadline()),
                                    TimeUnit.MILLISECONDS)
                            .initConnect(req, o))
                    .map(JsonChunk::getJson)
                    .doOnNext(observer::chunk)
                    .doFinally(observer::ended)
                    // an outage before the first chunk (registry/Redis or auth down, breaker or bulkhead full):
                    // the player reads a clear error at once instead of an empty 500
                    .onErrorResume(ControlOutages::isOutage, e -> Flux.just(ClientEndpoint.errorBody(UNAVAILABLE_TEXT)));
        });
    }

    /** Follows one initConnect stream for the metrics. */
    private final class InitConnectObserver {
        private final long start;
        private long deferralStart;
        private boolean deferred;
        private String last;

        InitConnectObserver(long start) {
            this.start = start;
        }

        synchronized void chunk(String json) {
            last = json;
            if (!deferred && json.contains("\"defer\":true")) {
                deferred = true;
                deferralStart = System.nanoTime();
                metrics.initConnectStage(deferralStart - start);
                metrics.deferralStarted();
            }
        }

        synchronized void ended(reactor.core.publisher.SignalType signal) {
            long now = System.nanoTime();
            if (deferred) {
                metrics.deferralEnded();
                metrics.deferralStage(now - deferralStart);
            } else {
                metrics.initConnectStage(now - start);
            }
            String stage = deferred ? "deferral" : "init_connect";
            switch (signal) {
                case CANCEL -> metrics.failed(stage, "closed");
                case ON_ERROR -> metrics.failed(stage, "service_unavailable");
                default -> {
                    String error = errorOf(last);
                    if (error != null) {
                        metrics.failed(stage, FivemControlMetrics.reasonOf(error));
                    } else {
                        metrics.completed();
                    }
                }
            }
        }
    }

    private static String errorOf(String json) {
        if (json == null || !json.startsWith("{\"error\"")) {
            return json == null ? "" : null;
        }
        try {
            JsonNode n = JSON.readTree(json).get("error");
            return n != null && n.isTextual() ? n.textValue() : "";
        } catch (Exception e) {
            return "";
        }
    }

    // ---- GET /files/<resource>/<file> ----

    @Override
    public Mono<FivemResponse> file(FileRequest request) {
        String token = request.request().citizenFxToken().orElse(null);
        touch(token);
        OpenFivemFileRequest req = OpenFivemFileRequest.newBuilder()
                .setResource(request.resource()).setFile(request.file()).build();
        Mono<FivemResponse> call = Mono.create(sink -> content
                .withDeadlineAfter(worldCalls.deadlineMillis(properties.getFileDeadline()), TimeUnit.MILLISECONDS)
                .openFivemFile(req, new FileObserver(sink, token)));
        return worldCalls.guard(call)
                .onErrorResume(StatusRuntimeException.class, e -> e.getStatus().getCode() == Status.Code.NOT_FOUND
                        ? Mono.just(FivemResponse.text(404, e.getStatus().getDescription() == null ? "Not found."
                                : e.getStatus().getDescription()))
                        : Mono.error(e));
    }

    /**
     * Header first (it becomes the response: 200, content-length), then the bytes as a Flux that asks the world
     * service for the next chunks only when the socket wants them.
     */
    private final class FileObserver implements ClientResponseObserver<OpenFivemFileRequest, FivemFileChunk> {
        private final reactor.core.publisher.MonoSink<FivemResponse> response;
        private final String token;
        private final AtomicLong lastTouch = new AtomicLong(System.nanoTime());
        private ClientCallStreamObserver<OpenFivemFileRequest> call;
        private volatile FluxSink<ByteBuffer> body;
        private volatile boolean headerSeen;

        FileObserver(reactor.core.publisher.MonoSink<FivemResponse> response, String token) {
            this.response = response;
            this.token = token;
        }

        @Override
        public void beforeStart(ClientCallStreamObserver<OpenFivemFileRequest> requestStream) {
            this.call = requestStream;
            requestStream.disableAutoRequestWithInitial(1);
            response.onCancel(() -> {
                if (!headerSeen) {
                    requestStream.cancel("the player closed the request", null);
                }
            });
        }

        @Override
        public void onNext(FivemFileChunk chunk) {
            if (chunk.hasHeader()) {
                headerSeen = true;
                Flux<ByteBuffer> bytes = Flux.<ByteBuffer>create(sink -> {
                    body = sink;
                    sink.onRequest(n -> call.request((int) Math.min(n, FILE_PREFETCH)));
                    sink.onCancel(() -> call.cancel("the player closed the request", null));
                }).limitRate(FILE_PREFETCH);
                response.success(FivemResponse.stream(200, bytes, chunk.getHeader().getSize()));
                return;
            }
            FluxSink<ByteBuffer> b = body;
            if (b != null) {
                b.next(chunk.getData().asReadOnlyByteBuffer());
                long now = System.nanoTime();
                long last = lastTouch.get();
                if (now - last >= properties.getFileTouchInterval().toNanos() && lastTouch.compareAndSet(last, now)) {
                    touch(token);
                }
            }
        }

        @Override
        public void onError(Throwable t) {
            if (!headerSeen) {
                response.error(t);
            } else if (body != null) {
                body.error(t);
            }
        }

        @Override
        public void onCompleted() {
            if (!headerSeen) {
                response.error(Status.INTERNAL.withDescription("file stream without header").asRuntimeException());
            } else if (body != null) {
                body.complete();
            }
        }
    }

    /** FXServer Touches the client of a /files request (token only here; the registry has no lookup by IP). */
    private void touch(String token) {
        if (token == null || token.isEmpty()) {
            return;
        }
        session.withDeadlineAfter(sessionDeadline.toMillis(), TimeUnit.MILLISECONDS)
                .touchToken(TouchTokenRequest.newBuilder().setToken(token).build(), new StreamObserver<>() {
                    @Override
                    public void onNext(TouchTokenResponse value) {
                    }

                    @Override
                    public void onError(Throwable t) {
                        log.debug("Touch for /files failed: {}", t.toString());
                    }

                    @Override
                    public void onCompleted() {
                    }
                });
    }
}
