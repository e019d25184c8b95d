package io.gatehouse.auth.hytale;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gatehouse.registry.contract.MutableClock;
import java.security.PublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

@Timeout(30)
class JwksKeySourceTest {

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-21T10:00:00Z"));
    private final TestTokens a = new TestTokens("key-a");
    private final TestTokens b = new TestTokens("key-b");
    private final AtomicReference<String> document = new AtomicReference<>(TestTokens.jwks(a));
    private final AtomicInteger fetches = new AtomicInteger();
    private final JwksKeySource source = new JwksKeySource(() -> {
        fetches.incrementAndGet();
        String doc = document.get();
        return doc == null
            ? Mono.error(new SessionServiceUnavailable("jwks", SessionServiceUnavailable.Reason.UNREACHABLE, null))
            : Mono.just(doc);
    }, clock, Duration.ofMinutes(5), Duration.ofSeconds(30));

    @Test
    void cachesKeysByKid() {
        assertThat(source.key("key-a").block()).isNotNull();
        assertThat(source.key("key-a").block()).isNotNull();
        assertThat(fetches).hasValue(1);
        assertThat(source.knownKids()).containsExactly("key-a");
    }

    @Test
    void unknownKidRefreshesAtMostOncePerFiveMinutes() {
        source.key("key-a").block();
        assertThat(fetches).hasValue(1);

        // Unknown kid right after the first load: no new fetch (rate limit), just "unknown".
        assertThat(source.key("nope-1").blockOptional()).isEmpty();
        assertThat(source.key("nope-2").blockOptional()).isEmpty();
        assertThat(fetches).hasValue(1);

        clock.advance(Duration.ofMinutes(5));
        document.set(TestTokens.jwks(a, b));
        // One refresh, which finds the rotated key.
        assertThat(source.key("key-b").block()).isNotNull();
        assertThat(fetches).hasValue(2);

        // A storm of made-up kids right after: still no fetch.
        for (int i = 0; i < 100; i++) {
            assertThat(source.key("made-up-" + i).blockOptional()).isEmpty();
        }
        assertThat(fetches).hasValue(2);
    }

    @Test
    void concurrentLookupsShareOneFetch() {
        Sinks.One<String> pending = Sinks.one();
        AtomicInteger slowFetches = new AtomicInteger();
        JwksKeySource slow = new JwksKeySource(() -> {
            slowFetches.incrementAndGet();
            return pending.asMono();
        }, clock, Duration.ofMinutes(5), Duration.ofSeconds(30));

        List<Mono<PublicKey>> lookups = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            lookups.add(slow.key(i % 2 == 0 ? "key-a" : "unknown").cache());
        }
        lookups.forEach(m -> m.subscribe(k -> { }, e -> { }));
        assertThat(slowFetches).hasValue(1);
        pending.tryEmitValue(TestTokens.jwks(a));
        assertThat(lookups.get(0).block()).isNotNull();
        assertThat(lookups.get(1).blockOptional()).isEmpty();
        assertThat(slowFetches).hasValue(1);
    }

    @Test
    void failedFetchSurfacesAsUnavailableAndIsRetriedAfterTheShortBackoff() {
        document.set(null);
        assertThatThrownBy(() -> source.key("key-a").block()).isInstanceOf(SessionServiceUnavailable.class);
        assertThat(fetches).hasValue(1);

        // Within the failure backoff: no fetch, the kid is simply unknown.
        assertThat(source.key("key-a").blockOptional()).isEmpty();
        assertThat(fetches).hasValue(1);

        clock.advance(Duration.ofSeconds(30));
        document.set(TestTokens.jwks(a));
        assertThat(source.key("key-a").block()).isNotNull();
        assertThat(fetches).hasValue(2);
    }

    @Test
    void documentWithoutUsableKeysKeepsTheOldOnes() {
        source.key("key-a").block();
        clock.advance(Duration.ofMinutes(6));
        document.set("{\"keys\":[{\"kty\":\"RSA\",\"kid\":\"r\",\"n\":\"AQAB\",\"e\":\"AQAB\"},"
            + "{\"kty\":\"OKP\",\"crv\":\"X25519\",\"kid\":\"x\",\"x\":\"AAAA\"}]}");
        assertThatThrownBy(() -> source.key("key-b").block()).isInstanceOf(SessionServiceUnavailable.class);
        assertThat(source.key("key-a").block()).isNotNull();
    }

    @Test
    void parsesOnlyOkpEd25519Keys() {
        String doc = "{\"keys\":[" + a.jwk() + ",{\"kty\":\"EC\",\"crv\":\"P-256\",\"kid\":\"ec\",\"x\":\"AA\",\"y\":\"AA\"},"
            + "{\"kty\":\"OKP\",\"crv\":\"Ed25519\",\"kid\":\"short\",\"x\":\"AAAA\"}]}";
        assertThat(JwksKeySource.parse(doc)).containsOnlyKeys("key-a");
        assertThatThrownBy(() -> JwksKeySource.parse("not json")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> JwksKeySource.parse("{\"keys\":{}}")).isInstanceOf(IllegalArgumentException.class);
    }
}
