package io.gatehouse.registry.grpc;

import io.gatehouse.contracts.session.v1.BindRequest;
import io.gatehouse.contracts.session.v1.CountsRequest;
import io.gatehouse.contracts.session.v1.CreatePendingRequest;
import io.gatehouse.contracts.session.v1.CreatePendingResponse;
import io.gatehouse.contracts.session.v1.Game;
import io.gatehouse.contracts.session.v1.Holder;
import io.gatehouse.contracts.session.v1.SessionKey;
import io.gatehouse.contracts.session.v1.SessionRegistryGrpc;
import io.gatehouse.registry.core.RegistrySettings;
import io.gatehouse.registry.core.SessionStore;
import io.gatehouse.registry.memory.InMemorySessionStore;
import io.grpc.ManagedChannel;
import io.grpc.Server;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.inprocess.InProcessChannelBuilder;
import io.grpc.inprocess.InProcessServerBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** The wire-level promises a non-Java client relies on: status codes, descriptions and trailers. */
class SessionRegistryServiceTest {

    private Server server;
    private ManagedChannel channel;
    private SessionRegistryGrpc.SessionRegistryBlockingStub blocking;

    @BeforeEach
    void start() throws Exception {
        String name = InProcessServerBuilder.generateName();
        SessionStore store = new InMemorySessionStore(RegistrySettings.defaults().withSlotTableSize(1),
                Clock.systemUTC());
        server = InProcessServerBuilder.forName(name).addService(new SessionRegistryService(store)).build().start();
        channel = InProcessChannelBuilder.forName(name).build();
        blocking = SessionRegistryGrpc.newBlockingStub(channel);
    }

    @AfterEach
    void stop() throws InterruptedException {
        channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        server.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    }

    private CreatePendingResponse validated(String guid) {
        return blocking.createPending(CreatePendingRequest.newBuilder()
                .setKey(SessionKey.newBuilder().setGame(Game.GAME_FIVEM).setId(guid))
                .setPassedValidation(true).build());
    }

    private BindRequest bindRequest(CreatePendingResponse created, String token) {
        return BindRequest.newBuilder().setKey(created.getSession().getKey()).setToken(token)
                .setHolder(Holder.newBuilder().setGatewayId("gw").setPeerId(1)).setAssignSlot(true).build();
    }

    /** A store whose every call returns what {@code answer} makes, for failure paths. */
    private static SessionStore storeAnswering(java.util.function.Supplier<CompletableFuture<?>> answer) {
        return (SessionStore) java.lang.reflect.Proxy.newProxyInstance(SessionStore.class.getClassLoader(),
                new Class<?>[]{SessionStore.class},
                (proxy, method, args) -> method.getName().equals("close") ? null : answer.get());
    }

    @Test
    void aFullSlotTableIsFailedPreconditionWithFiveMsText() {
        CreatePendingResponse first = validated("1");
        assertThat(blocking.bind(bindRequest(first, first.getToken())).getSession().getSlotId()).isEqualTo(0);

        CreatePendingResponse second = validated("2");
        StatusRuntimeException e = catchThrowableOfType(StatusRuntimeException.class,
                () -> blocking.bind(bindRequest(second, second.getToken())));
        assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.FAILED_PRECONDITION);
        assertThat(e.getStatus().getDescription()).isEqualTo("Not enough client slot IDs.");
        assertThat(e.getTrailers().get(RegistryStatus.ERROR_KEY)).isEqualTo("NO_SLOT");
    }

    @Test
    void aWrongTokenIsPermissionDeniedWithFiveMsText() {
        CreatePendingResponse created = validated("1");
        StatusRuntimeException e = catchThrowableOfType(StatusRuntimeException.class,
                () -> blocking.bind(bindRequest(created, "wrong")));
        assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.PERMISSION_DENIED);
        assertThat(e.getStatus().getDescription()).isEqualTo("Invalid connection token received.");
    }

    @Test
    void missingEnumsAreInvalidArgument() {
        StatusRuntimeException e = catchThrowableOfType(StatusRuntimeException.class,
                () -> blocking.counts(CountsRequest.getDefaultInstance()));
        assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
    }

    @Test
    void aStoreOutageIsUnavailable() throws Exception {
        String name = InProcessServerBuilder.generateName();
        Server failing = InProcessServerBuilder.forName(name).addService(new SessionRegistryService(
                storeAnswering(() -> CompletableFuture.failedFuture(new IllegalStateException("connection refused"))))).build().start();
        ManagedChannel c = InProcessChannelBuilder.forName(name).build();
        try {
            StatusRuntimeException e = catchThrowableOfType(StatusRuntimeException.class,
                    () -> SessionRegistryGrpc.newBlockingStub(c).counts(
                            CountsRequest.newBuilder().setGame(Game.GAME_FIVEM).build()));
            assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.UNAVAILABLE);
        } finally {
            c.shutdownNow();
            failing.shutdownNow();
        }
    }

    @Test
    void theRemoteClientAppliesItsDeadline() throws Exception {
        String name = InProcessServerBuilder.generateName();
        Server slow = InProcessServerBuilder.forName(name).addService(new SessionRegistryService(
                storeAnswering(CompletableFuture::new))).build().start();
        ManagedChannel c = InProcessChannelBuilder.forName(name).build();
        try {
            RemoteSessionStore remote = new RemoteSessionStore(c, Duration.ofMillis(200));
            CompletableFuture<?> call = remote.counts(io.gatehouse.registry.core.Game.FIVEM);
            Throwable failure = catchThrowableOfType(java.util.concurrent.ExecutionException.class,
                    () -> call.get(5, TimeUnit.SECONDS)).getCause();
            assertThat(((StatusRuntimeException) failure).getStatus().getCode())
                    .isEqualTo(Status.Code.DEADLINE_EXCEEDED);
        } finally {
            c.shutdownNow();
            slow.shutdownNow();
        }
    }
}
