package io.gatehouse.auth.fivem.grpc;

import io.gatehouse.auth.fivem.ClientMethods;
import io.gatehouse.contracts.world.v1.GetFivemConfigurationRequest;
import io.gatehouse.contracts.world.v1.GetFivemConfigurationResponse;
import io.gatehouse.contracts.world.v1.WorldContentGrpc;
import io.grpc.Channel;
import io.grpc.stub.StreamObserver;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** getConfiguration's resource list from the world service ({@code WorldContent.GetFivemConfiguration}). */
public final class WorldConfigurationClient implements ClientMethods.ConfigurationSource {

    private final WorldContentGrpc.WorldContentStub stub;
    private final Duration deadline;

    public WorldConfigurationClient(Channel channel, Duration deadline) {
        this.stub = WorldContentGrpc.newStub(channel);
        this.deadline = deadline;
    }

    @Override
    public CompletableFuture<String> configuration(String resourcesField) {
        GetFivemConfigurationRequest.Builder request = GetFivemConfigurationRequest.newBuilder();
        if (resourcesField != null) {
            request.setResources(resourcesField);
        }
        CompletableFuture<String> result = new CompletableFuture<>();
        stub.withDeadlineAfter(deadline.toMillis(), TimeUnit.MILLISECONDS)
                .getFivemConfiguration(request.build(), new StreamObserver<>() {
                    @Override
                    public void onNext(GetFivemConfigurationResponse value) {
                        result.complete(value.getConfigurationJson().toString(StandardCharsets.UTF_8));
                    }

                    @Override
                    public void onError(Throwable t) {
                        result.completeExceptionally(t);
                    }

                    @Override
                    public void onCompleted() {
                        result.completeExceptionally(new IllegalStateException("no configuration"));
                    }
                });
        return result;
    }
}
