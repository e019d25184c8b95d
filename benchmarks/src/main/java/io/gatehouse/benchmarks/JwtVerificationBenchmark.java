package io.gatehouse.benchmarks;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.gatehouse.auth.hytale.HytaleTokenVerifier;
import io.gatehouse.auth.hytale.JwksKeySource;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import reactor.core.publisher.Mono;

/**
 * Hytale JWT verification (EdDSA/Ed25519 signature, header and claim checks) as the auth service does it for every
 * authenticated join: the identity token in Connect and the access token in AuthToken. The JWKS is already cached.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class JwtVerificationBenchmark {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();

    private HytaleTokenVerifier verifier;
    private String identityToken;
    private String accessToken;
    private UUID uuid;
    private final String fingerprint = "q1x2c3v4b5n6m7a8s9d0f1g2h3j4k5l6z7x8c9v0b1n";
    private final String audience = UUID.randomUUID().toString();

    @Setup
    public void setup() throws Exception {
        KeyPair keys = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        byte[] spki = keys.getPublic().getEncoded();
        String x = B64.encodeToString(Arrays.copyOfRange(spki, spki.length - 32, spki.length));
        String jwks = "{\"keys\":[{\"kty\":\"OKP\",\"crv\":\"Ed25519\",\"x\":\"" + x
                + "\",\"kid\":\"k1\",\"alg\":\"EdDSA\",\"use\":\"sig\"}]}";
        Clock clock = Clock.systemUTC();
        verifier = new HytaleTokenVerifier(new JwksKeySource(() -> Mono.just(jwks), clock, Duration.ofMinutes(5),
                Duration.ofSeconds(30)), HytaleTokenVerifier.DEFAULT_ISSUER, clock);
        uuid = UUID.randomUUID();
        long now = clock.instant().getEpochSecond();
        Map<String, Object> identity = new LinkedHashMap<>();
        identity.put("iss", HytaleTokenVerifier.DEFAULT_ISSUER);
        identity.put("sub", uuid.toString());
        identity.put("iat", now);
        identity.put("nbf", now);
        identity.put("exp", now + 3600);
        identity.put("scope", HytaleTokenVerifier.SCOPE_CLIENT);
        identity.put("profile", Map.of("username", "benchplayer", "entitlements", List.of("game.base")));
        identityToken = sign(keys, identity);
        Map<String, Object> access = new LinkedHashMap<>();
        access.put("iss", HytaleTokenVerifier.DEFAULT_ISSUER);
        access.put("sub", uuid.toString());
        access.put("aud", audience);
        access.put("iat", now);
        access.put("nbf", now);
        access.put("exp", now + 3600);
        access.put("username", "benchplayer");
        access.put("scope", HytaleTokenVerifier.SCOPE_CLIENT);
        access.put("cnf", Map.of("x5t#S256", fingerprint));
        accessToken = sign(keys, access);
        verifyIdentity();
        verifyAccess();
    }

    private static String sign(KeyPair keys, Map<String, ?> claims) throws Exception {
        Map<String, Object> header = new LinkedHashMap<>();
        header.put("alg", "EdDSA");
        header.put("kid", "k1");
        header.put("typ", "JWT");
        String input = B64.encodeToString(JSON.writeValueAsBytes(header)) + "."
                + B64.encodeToString(JSON.writeValueAsBytes(claims));
        Signature s = Signature.getInstance("Ed25519");
        s.initSign(keys.getPrivate());
        s.update(input.getBytes(StandardCharsets.US_ASCII));
        return input + "." + B64.encodeToString(s.sign());
    }

    @Benchmark
    public Object verifyIdentity() {
        return verifier.verifyIdentityToken(identityToken, uuid, HytaleTokenVerifier.SCOPE_CLIENT).block();
    }

    @Benchmark
    public Object verifyAccess() {
        return verifier.verifyAccessToken(accessToken, audience, fingerprint, uuid, "benchplayer").block();
    }
}
