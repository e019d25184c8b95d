package io.gatehouse.gateway.hytale.transport;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.IntSupplier;

/**
 * Connection-level counters of the Hytale QUIC listener. Always counted locally (cheap {@link LongAdder}s, readable
 * by tests and health details); published to Micrometer when a registry is present:
 * <ul>
 *   <li>{@code gatehouse.quic.connections} (gauge)</li>
 *   <li>{@code gatehouse.quic.handshakes{result=ok|failed}}</li>
 *   <li>{@code gatehouse.hytale.connections.refused{reason=draining|overload|no_client_certificate}}</li>
 *   <li>{@code gatehouse.hytale.streams.refused} (client streams beyond the one allowed)</li>
 * </ul>
 */
public final class HytaleTransportMetrics {

    private final LongAdder handshakesOk = new LongAdder();
    private final LongAdder handshakesFailed = new LongAdder();
    private final LongAdder refusedDraining = new LongAdder();
    private final LongAdder refusedOverload = new LongAdder();
    private final LongAdder refusedNoCertificate = new LongAdder();
    private final LongAdder streamsRefused = new LongAdder();

    HytaleTransportMetrics(MeterRegistry registry, IntSupplier activeConnections) {
        if (registry == null) {
            return;
        }
        Gauge.builder("gatehouse.quic.connections", activeConnections, IntSupplier::getAsInt)
                // Strong: the supplier is a method reference nothing else holds, a weak gauge would read NaN.
                .strongReference(true)
                .description("Hytale QUIC connections past the TLS handshake").register(registry);
        bind(registry, "gatehouse.quic.handshakes", handshakesOk, "result", "ok");
        bind(registry, "gatehouse.quic.handshakes", handshakesFailed, "result", "failed");
        bind(registry, "gatehouse.hytale.connections.refused", refusedDraining, "reason", "draining");
        bind(registry, "gatehouse.hytale.connections.refused", refusedOverload, "reason", "overload");
        bind(registry, "gatehouse.hytale.connections.refused", refusedNoCertificate, "reason", "no_client_certificate");
        bind(registry, "gatehouse.hytale.streams.refused", streamsRefused, null, null);
    }

    private static void bind(MeterRegistry registry, String name, LongAdder adder, String tagKey, String tagValue) {
        var builder = FunctionCounter.builder(name, adder, LongAdder::doubleValue);
        if (tagKey != null) {
            builder.tag(tagKey, tagValue);
        }
        builder.register(registry);
    }

    void countHandshakeOk() { handshakesOk.increment(); }
    void countHandshakeFailed() { handshakesFailed.increment(); }
    void countRefusedDraining() { refusedDraining.increment(); }
    void countRefusedOverload() { refusedOverload.increment(); }
    void countRefusedNoCertificate() { refusedNoCertificate.increment(); }
    void countStreamRefused() { streamsRefused.increment(); }

    public long handshakesOk() { return handshakesOk.sum(); }
    public long handshakesFailed() { return handshakesFailed.sum(); }
    public long refusedDraining() { return refusedDraining.sum(); }
    public long refusedOverload() { return refusedOverload.sum(); }
    public long refusedNoCertificate() { return refusedNoCertificate.sum(); }
    public long streamsRefused() { return streamsRefused.sum(); }
}
