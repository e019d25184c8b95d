package io.gatehouse.support.grpc;

import io.grpc.ClientInterceptor;
import io.grpc.ManagedChannel;
import io.grpc.inprocess.InProcessChannelBuilder;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * One managed channel per named service, created on first use and closed with the application context.
 * A channel is cheap to share: gRPC multiplexes every call over it.
 */
public class GrpcChannels implements AutoCloseable {

    public static final String IN_PROCESS = "in-process";

    private final GrpcClientProperties clients;
    private final GrpcServerProperties server;
    private final Map<String, ManagedChannel> channels = new ConcurrentHashMap<>();
    private final ClientInterceptor registryCalls;

    public GrpcChannels(GrpcClientProperties clients, GrpcServerProperties server) {
        this(clients, server, null);
    }

    /**
     * @param registryCalls times the calls on the {@code session} channel when it crosses the network (in-process,
     *                      the registry in this JVM measures its store calls itself); null for none
     */
    public GrpcChannels(GrpcClientProperties clients, GrpcServerProperties server, ClientInterceptor registryCalls) {
        this.clients = clients;
        this.server = server;
        this.registryCalls = registryCalls;
    }

    /** The channel to the named service ({@code session}, {@code auth}, {@code world}). */
    public ManagedChannel channel(String service) {
        return channels.computeIfAbsent(service, this::open);
    }

    /** The per-call deadline configured for the named service. */
    public Duration deadline(String service) {
        return clients.target(service).getDeadline();
    }

    private ManagedChannel open(String service) {
        String target = clients.target(service).getTarget();
        if (IN_PROCESS.equals(target)) {
            return InProcessChannelBuilder.forName(server.getInProcessName()).directExecutor().build();
        }
        NettyChannelBuilder builder = NettyChannelBuilder.forTarget(target);
        if (registryCalls != null && "session".equals(service)) {
            builder.intercept(registryCalls);
        }
        if (server.getTls().isEnabled()) {
            builder.sslContext(GrpcTls.client(server.getTls()));
        } else {
            builder.usePlaintext();
        }
        return builder
                // finds a dead peer (pod gone without FIN) in ~40 s even on an idle channel or a quiet event stream
                .keepAliveTime(30, TimeUnit.SECONDS)
                .keepAliveTimeout(10, TimeUnit.SECONDS)
                .keepAliveWithoutCalls(true)
                .defaultLoadBalancingPolicy("round_robin")
                .build();
    }

    @Override
    public void close() {
        channels.values().forEach(ManagedChannel::shutdown);
        for (ManagedChannel channel : channels.values()) {
            try {
                if (!channel.awaitTermination(2, TimeUnit.SECONDS)) {
                    channel.shutdownNow();
                }
            } catch (InterruptedException e) {
                channel.shutdownNow();
                Thread.currentThread().interrupt();
            }
        }
        channels.clear();
    }
}
