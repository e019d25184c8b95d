package io.gatehouse.auth.fivem;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gatehouse.fivem.protocol.ticket.CfxKeys;
import io.gatehouse.fivem.protocol.ticket.CfxPublicKeySource;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.interfaces.RSAPublicKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * FXServer's {@code GetPublicKey}/{@code ExpirePublicKey}: {@code GET <url>} answers {@code {"key":"<base64 PKCS#1>"}};
 * the key is cached; after a bad signature it is dropped for one refetch if older than {@code refreshMinAge} (key
 * rotation without letting forged tickets hammer the endpoint). A failed fetch is not cached, so the next initConnect
 * tries again. Blocking: call it from a worker thread only (the auth service's initConnect pool does).
 */
public final class HttpCfxPublicKeySource implements CfxPublicKeySource {

    private static final Logger log = LoggerFactory.getLogger(HttpCfxPublicKeySource.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private record Cached(RSAPublicKey key, Instant fetchedAt) {
    }

    private final URI url;
    private final Duration refreshMinAge;
    private final Duration timeout;
    private final Clock clock;
    private final HttpClient http;
    private volatile Cached cached;

    public HttpCfxPublicKeySource(URI url, Duration refreshMinAge, Duration timeout, Clock clock) {
        this.url = Objects.requireNonNull(url, "url");
        this.refreshMinAge = refreshMinAge;
        this.timeout = timeout;
        this.clock = clock;
        this.http = HttpClient.newBuilder().connectTimeout(timeout).followRedirects(HttpClient.Redirect.NORMAL).build();
    }

    @Override
    public Optional<RSAPublicKey> current() {
        Cached c = cached;
        if (c != null) {
            return Optional.of(c.key());
        }
        synchronized (this) {
            if (cached == null) {
                fetch().ifPresent(k -> cached = new Cached(k, clock.instant()));
            }
            return Optional.ofNullable(cached).map(Cached::key);
        }
    }

    @Override
    public synchronized boolean expire() {
        Cached c = cached;
        if (c == null || c.fetchedAt().plus(refreshMinAge).isAfter(clock.instant())) {
            return false;
        }
        cached = null;
        return true;
    }

    private Optional<RSAPublicKey> fetch() {
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(url).timeout(timeout).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                log.warn("Cfx public key fetch from {} answered {}", url, response.statusCode());
                return Optional.empty();
            }
            JsonNode key = JSON.readTree(response.body()).get("key");
            if (key == null || !key.isTextual()) {
                log.warn("Cfx public key answer from {} has no \"key\"", url);
                return Optional.empty();
            }
            return Optional.of(CfxKeys.publicKeyFromBase64(key.textValue()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        } catch (Exception e) {
            log.warn("Cfx public key fetch from {} failed: {}", url, e.toString());
            return Optional.empty();
        }
    }
}
