package io.gatehouse.auth.config;

import io.gatehouse.auth.hytale.JwksKeySource;
import io.gatehouse.auth.hytale.ServerIdentity;
import io.gatehouse.support.grpc.GrpcServerLifecycle;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import reactor.core.Disposable;
import reactor.util.retry.Retry;

/**
 * Obtains the server's game session and the signing keys in the background, before the gRPC server and the
 * listeners start, without holding up the boot: until the session exists, authenticated logins are refused with
 * "Server authentication unavailable", which is what a player should see while the session service is down.
 */
final class HytaleServerIdentityLifecycle implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(HytaleServerIdentityLifecycle.class);

    private final ServerIdentity identity;
    private final JwksKeySource keys;
    private volatile Disposable starting;
    private volatile boolean running;

    HytaleServerIdentityLifecycle(ServerIdentity identity, JwksKeySource keys) {
        this.identity = identity;
        this.keys = keys;
    }

    @Override
    public void start() {
        running = true;
        keys.preload().subscribe(null, e -> log.warn("Hytale signing keys not loaded yet: {}", e.getMessage()));
        starting = identity.start()
                .retryWhen(Retry.backoff(Long.MAX_VALUE, Duration.ofSeconds(1)).maxBackoff(Duration.ofSeconds(30))
                        .filter(e -> !(e instanceof IllegalStateException))
                        .doBeforeRetry(s -> log.warn("Hytale server session not obtained ({}); retrying",
                                s.failure().getMessage())))
                .subscribe(
                        session -> log.info("Hytale server session ready: {} (audience {})", session, identity.audience()),
                        e -> log.error("Hytale server session unavailable: {}. Authenticated logins will be refused.",
                                e.getMessage()));
    }

    @Override
    public void stop() {
        running = false;
        Disposable d = starting;
        if (d != null) {
            d.dispose();
        }
        identity.close();
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public int getPhase() {
        return GrpcServerLifecycle.PHASE - 10;
    }
}
