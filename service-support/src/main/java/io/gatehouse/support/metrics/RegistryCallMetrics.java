package io.gatehouse.support.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * {@code gatehouse_registry_call_seconds{operation,outcome}} (histogram) and
 * {@code gatehouse_registry_errors_total{operation}}: session registry calls made by this process. A gateway, auth or
 * world process measures its gRPC calls to the registry; the registry measures the calls it makes to its store
 * (Redis). {@code outcome} is {@code ok}, {@code refused} (the registry's own answer: no session, invalid token,
 * no slot...) or {@code error} (store or transport failure, counted in the errors counter too).
 */
public final class RegistryCallMetrics {

    public static final String OK = "ok";
    public static final String REFUSED = "refused";
    public static final String ERROR = "error";

    private final MeterRegistry registry;
    private final Map<String, Timer> timers = new ConcurrentHashMap<>();
    private final Map<String, Counter> errors = new ConcurrentHashMap<>();

    public RegistryCallMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    /**
     * Registers the errors counter of each operation at 0, so error rates read 0 (not "no data") on a healthy
     * process.
     */
    public RegistryCallMetrics preregister(Iterable<String> operations) {
        operations.forEach(this::errors);
        return this;
    }

    public void record(String operation, String outcome, long nanos) {
        timers.computeIfAbsent(operation + '/' + outcome, k -> Timer.builder("gatehouse.registry.call")
                        .description("session registry calls from this process")
                        .tag("operation", operation).tag("outcome", outcome)
                        .publishPercentileHistogram().register(registry))
                .record(nanos, TimeUnit.NANOSECONDS);
        if (ERROR.equals(outcome)) {
            errors(operation).increment();
        }
    }

    private Counter errors(String operation) {
        return errors.computeIfAbsent(operation, o -> Counter.builder("gatehouse.registry.errors")
                .description("registry calls that failed (store or transport)")
                .tag("operation", o).register(registry));
    }

    /** {@code CreatePending} or {@code createPending} → {@code create_pending}. */
    public static String operationName(String method) {
        StringBuilder out = new StringBuilder(method.length() + 8);
        for (int i = 0; i < method.length(); i++) {
            char c = method.charAt(i);
            if (Character.isUpperCase(c)) {
                if (i > 0) {
                    out.append('_');
                }
                out.append(Character.toLowerCase(c));
            } else {
                out.append(c);
            }
        }
        return out.toString().toLowerCase(Locale.ROOT);
    }
}
