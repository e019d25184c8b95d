package io.gatehouse.support.grpc;

import io.gatehouse.support.lifecycle.ListenerReadiness;
import io.grpc.BindableService;
import io.grpc.Server;
import io.grpc.ServerInterceptors;
import io.grpc.inprocess.InProcessServerBuilder;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.protobuf.services.HealthStatusManager;
import io.grpc.protobuf.services.ProtoReflectionServiceV1;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.grpc.MetricCollectingServerInterceptor;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Starts one gRPC server carrying every {@link BindableService} of this process, before the listeners that players
 * reach (a gateway must never accept a player whose calls have nowhere to go) and stops it after them.
 */
public class GrpcServerLifecycle implements SmartLifecycle {

    /** Started before player-facing listeners ({@link ListenerReadiness#LISTENER_PHASE}), stopped after them. */
    public static final int PHASE = ListenerReadiness.LISTENER_PHASE - 100;

    private static final Logger log = LoggerFactory.getLogger(GrpcServerLifecycle.class);

    private final GrpcServerProperties properties;
    private final List<BindableService> services;
    private final HealthStatusManager health = new HealthStatusManager();
    private volatile Server server;
    private final MeterRegistry meterRegistry;

    public GrpcServerLifecycle(GrpcServerProperties properties, List<BindableService> services) {
        this(properties, services, null);
    }

    /** With a registry, every call served is measured ({@code grpc_server_processing_duration_seconds} and co.). */
    public GrpcServerLifecycle(GrpcServerProperties properties, List<BindableService> services,
                               MeterRegistry meterRegistry) {
        this.properties = properties;
        this.services = services;
        this.meterRegistry = meterRegistry;
    }

    @Override
    public void start() {
        if (services.isEmpty()) {
            return; // e.g. a split-mode gateway: it only calls services, it serves none
        }
        io.grpc.ServerBuilder<?> builder;
        if (properties.isInProcess()) {
            builder = InProcessServerBuilder.forName(properties.getInProcessName()).directExecutor();
        } else {
            NettyServerBuilder netty = NettyServerBuilder
                    .forAddress(new InetSocketAddress(properties.getBindAddress(), properties.getPort()))
                    .permitKeepAliveTime(10, TimeUnit.SECONDS)
                    .permitKeepAliveWithoutCalls(true)
                    .maxConnectionAge(properties.getMaxConnectionAge().toMillis(), TimeUnit.MILLISECONDS)
                    .maxConnectionAgeGrace(properties.getMaxConnectionAgeGrace().toMillis(), TimeUnit.MILLISECONDS);
            if (properties.getTls().isEnabled()) {
                netty.sslContext(GrpcTls.server(properties.getTls()));
            }
            builder = netty;
        }
        MetricCollectingServerInterceptor metrics = meterRegistry == null ? null
                : new MetricCollectingServerInterceptor(meterRegistry);
        for (BindableService service : services) {
            if (metrics == null) {
                builder.addService(ServerInterceptors.intercept(service));
            } else {
                metrics.preregisterService(service); // every method's OK series exists from the start
                builder.addService(ServerInterceptors.intercept(service, metrics));
            }
        }
        builder.addService(health.getHealthService());
        builder.addService(ProtoReflectionServiceV1.newInstance());
        try {
            server = builder.build().start();
        } catch (IOException e) {
            throw new UncheckedIOException("gRPC server could not start on " + describe(), e);
        }
        log.info("gRPC server serving {} service(s) on {}", services.size(), describe());
    }

    @Override
    public void stop() {
        Server running = server;
        if (running == null) {
            return;
        }
        health.enterTerminalState();
        running.shutdown();
        try {
            if (!running.awaitTermination(properties.getShutdownGrace().toMillis(), TimeUnit.MILLISECONDS)) {
                running.shutdownNow();
            }
        } catch (InterruptedException e) {
            running.shutdownNow();
            Thread.currentThread().interrupt();
        }
        server = null;
    }

    @Override
    public boolean isRunning() {
        return server != null;
    }

    @Override
    public int getPhase() {
        return PHASE;
    }

    /** The bound TCP port (split mode), for tests and logs; -1 in-process. */
    public int port() {
        Server running = server;
        return running == null || properties.isInProcess() ? -1 : running.getPort();
    }

    private String describe() {
        return properties.isInProcess()
                ? "in-process:" + properties.getInProcessName()
                : properties.getBindAddress() + ":" + (server == null ? properties.getPort() : server.getPort())
                        + (properties.getTls().isEnabled() ? " (TLS)" : " (plaintext)");
    }
}
