package io.gatehouse.benchmarks;

import io.gatehouse.fivem.protocol.ticket.CfxKeys;
import io.gatehouse.fivem.protocol.ticket.CfxPublicKeySource;
import io.gatehouse.fivem.protocol.ticket.CfxTicketIssuer;
import io.gatehouse.fivem.protocol.ticket.CfxTicketVerifier;
import io.gatehouse.fivem.protocol.ticket.TicketVerification;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.MessageDigest;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
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

/** Cfx ticket verification (RSA-1024 PKCS#1 v1.5 over SHA-1, parse, checks): once per FiveM initConnect. */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class TicketVerificationBenchmark {

    private static final long GUID = 0x0210000100001234L;
    private CfxTicketVerifier verifier;
    private String ticket;
    private final String guid = Long.toUnsignedString(GUID);

    @Setup
    public void setup() throws Exception {
        KeyPair pair = CfxKeys.generate();
        byte[] entitlement = MessageDigest.getInstance("SHA-1").digest(guid.getBytes(StandardCharsets.UTF_8));
        ticket = CfxTicketIssuer.with((RSAPrivateCrtKey) pair.getPrivate()).guid(GUID)
                .expiry(Instant.now().plus(Duration.ofHours(1))).entitlementHash(entitlement)
                .extraJson("{\"gn\":\"gta5\"}").issueBase64();
        // no replay guard: the same ticket is verified again and again
        verifier = new CfxTicketVerifier(CfxPublicKeySource.fixed((RSAPublicKey) pair.getPublic()),
                (expiry, g) -> false, Clock.systemUTC());
        if (!(verifier.verify(ticket, guid) instanceof TicketVerification.Verified)) {
            throw new IllegalStateException("the benchmark's ticket does not verify: " + verifier.verify(ticket, guid));
        }
    }

    @Benchmark
    public TicketVerification verify() {
        return verifier.verify(ticket, guid);
    }
}
