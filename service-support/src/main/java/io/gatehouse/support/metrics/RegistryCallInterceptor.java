package io.gatehouse.support.metrics;

import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.ClientCall;
import io.grpc.ClientInterceptor;
import io.grpc.ForwardingClientCall.SimpleForwardingClientCall;
import io.grpc.ForwardingClientCallListener.SimpleForwardingClientCallListener;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.Status;

/**
 * Times every call on the channel to the session registry ({@link RegistryCallMetrics}). A call the registry refused
 * carries the {@code gatehouse-registry-error} trailer (outcome {@code refused}); any other non-OK status is a
 * transport or store failure ({@code error}). Streaming calls (the cluster event subscription) are not calls in
 * this sense and are left alone.
 */
public final class RegistryCallInterceptor implements ClientInterceptor {

    private static final Metadata.Key<String> REGISTRY_ERROR =
            Metadata.Key.of("gatehouse-registry-error", Metadata.ASCII_STRING_MARSHALLER);

    private final RegistryCallMetrics metrics;

    public RegistryCallInterceptor(RegistryCallMetrics metrics) {
        this.metrics = metrics;
    }

    @Override
    public <Q, R> ClientCall<Q, R> interceptCall(MethodDescriptor<Q, R> method, CallOptions options, Channel next) {
        if (method.getType() != MethodDescriptor.MethodType.UNARY) {
            return next.newCall(method, options);
        }
        String operation = RegistryCallMetrics.operationName(method.getBareMethodName());
        return new SimpleForwardingClientCall<>(next.newCall(method, options)) {
            @Override
            public void start(Listener<R> listener, Metadata headers) {
                long started = System.nanoTime();
                super.start(new SimpleForwardingClientCallListener<>(listener) {
                    @Override
                    public void onClose(Status status, Metadata trailers) {
                        String outcome = status.isOk() ? RegistryCallMetrics.OK
                                : trailers != null && trailers.containsKey(REGISTRY_ERROR) ? RegistryCallMetrics.REFUSED
                                : RegistryCallMetrics.ERROR;
                        metrics.record(operation, outcome, System.nanoTime() - started);
                        super.onClose(status, trailers);
                    }
                }, headers);
            }
        };
    }
}
