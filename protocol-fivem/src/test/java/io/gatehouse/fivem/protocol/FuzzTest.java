package io.gatehouse.fivem.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import io.gatehouse.fivem.protocol.form.FormData;
import io.gatehouse.fivem.protocol.http.ClientEndpoint;
import io.gatehouse.fivem.protocol.net.ClientMessages;
import io.gatehouse.fivem.protocol.net.ConnectOk;
import io.gatehouse.fivem.protocol.net.Handshake;
import io.gatehouse.fivem.protocol.net.MsgPack;
import io.gatehouse.fivem.protocol.net.ObjectIds;
import io.gatehouse.fivem.protocol.net.ServerMessageDecoder;
import io.gatehouse.fivem.protocol.oob.InfoResponse;
import io.gatehouse.fivem.protocol.oob.OutOfBand;
import io.gatehouse.fivem.protocol.ticket.CfxPublicKeySource;
import io.gatehouse.fivem.protocol.ticket.CfxTicket;
import io.gatehouse.fivem.protocol.ticket.CfxTicketIssuer;
import io.gatehouse.fivem.protocol.ticket.CfxTicketVerifier;
import io.gatehouse.fivem.protocol.ticket.InMemoryTicketReplayGuard;
import io.gatehouse.fivem.protocol.ticket.TestKeys;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import java.util.Random;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * Bounded fuzzing with a fixed seed: mutated valid inputs and random bytes through every decoder. Only
 * {@link FivemProtocolException} may escape; anything else fails the test.
 */
class FuzzTest {

    private static final long SEED = 0x5EEDF1FEL;
    private static final long BUDGET_NANOS = 3_000_000_000L;

    private final Random rnd = new Random(SEED);

    private byte[] mutate(byte[] seed) {
        byte[] b;
        switch (rnd.nextInt(5)) {
            case 0 -> {
                b = new byte[rnd.nextInt(64)];
                rnd.nextBytes(b);
            }
            case 1 -> b = java.util.Arrays.copyOf(seed, rnd.nextInt(seed.length + 1));
            case 2 -> {
                b = seed.clone();
                for (int i = 0, n = 1 + rnd.nextInt(4); i < n && b.length > 0; i++) {
                    b[rnd.nextInt(b.length)] = (byte) rnd.nextInt(256);
                }
            }
            case 3 -> {
                b = java.util.Arrays.copyOf(seed, seed.length + 1 + rnd.nextInt(16));
                for (int i = seed.length; i < b.length; i++) {
                    b[i] = (byte) rnd.nextInt(256);
                }
            }
            default -> {
                b = seed.clone();
                // interesting values for length fields
                int[] special = {0x00, 0xFF, 0x7F, 0x80};
                if (b.length > 0) {
                    b[rnd.nextInt(b.length)] = (byte) special[rnd.nextInt(special.length)];
                }
            }
        }
        return b;
    }

    private void run(String what, List<byte[]> seeds, Consumer<byte[]> target, long nanos) {
        long end = System.nanoTime() + nanos;
        int iterations = 0;
        while (System.nanoTime() < end && iterations < 200_000) {
            byte[] input = mutate(seeds.get(rnd.nextInt(seeds.size())));
            try {
                target.accept(input);
            } catch (FivemProtocolException expected) {
                // the typed error is the only allowed failure
            } catch (RuntimeException | StackOverflowError | OutOfMemoryError e) {
                throw new AssertionError(what + " threw " + e + " for input " + Hex.of(input), e);
            }
            iterations++;
        }
        assertThat(iterations).as(what + " iterations").isPositive();
    }

    @Test
    void decodersOnlyThrowTypedErrors() {
        long slice = BUDGET_NANOS / 6;

        run("oob", List.of(OutOfBand.getInfoRequest("xyz"), OutOfBand.frame("getstatus"), OutOfBand.frame("rcon a b"),
                OutOfBand.frame("infoResponse\n\\a\\b")), d -> {
                    var p = OutOfBand.classify(d);
                    OutOfBand.getInfoChallenge(p);
                    InfoResponse.parse(d);
                    OutOfBand.parseError(d);
                }, slice);

        run("form", List.of("method=initConnect&name=a+b&x=%41%zz%4".getBytes(StandardCharsets.US_ASCII),
                "a=&=b&&c".getBytes(StandardCharsets.US_ASCII)), d -> {
                    FormData f = FormData.decode(d);
                    f.keys().forEach(k -> f.get(k));
                    ClientEndpoint.dispatch("POST", d);
                }, slice);

        run("messages", List.of(Handshake.encode("3f2504e0-4f89-41d3-9a0c-0305e82c3301", 1L),
                ClientMessages.timeSyncRequest(1, 2), ClientMessages.iQuit("bye"), ClientMessages.end(),
                ClientMessages.serverEvent("e", MsgPack.pack(List.of(1L, "x"))),
                ObjectIds.encode(List.of(1, 2, 3, 10)), new ConnectOk(1, -1, -1, 128, 5).encode(),
                io.gatehouse.fivem.protocol.net.NetEvents.onPlayerJoining(1, "a", 2),
                io.gatehouse.fivem.protocol.net.ServerMessages.conVars(java.util.Map.of("a", "b")),
                new byte[] {(byte) 0xda, (byte) 0xff, (byte) 0xff, (byte) 0xdd, 0x7f, (byte) 0xff, (byte) 0xff, (byte) 0xff}),
                d -> {
                    try {
                        ClientMessages.decode(d);
                    } catch (FivemProtocolException ignored) {
                        // continue with the other decoders
                    }
                    try {
                        ServerMessageDecoder.decode(d);
                    } catch (FivemProtocolException ignored) {
                        // continue
                    }
                    try {
                        MsgPack.unpack(d);
                    } catch (FivemProtocolException ignored) {
                        // continue
                    }
                    try {
                        ObjectIds.decode(d, ObjectIds.MAX_ENTRIES_BIG);
                    } catch (FivemProtocolException ignored) {
                        // continue
                    }
                    ConnectOk.decode(d);
                }, slice);

        Clock clock = Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC);
        CfxTicketVerifier verifier = new CfxTicketVerifier(CfxPublicKeySource.fixed(TestKeys.pub()),
                new InMemoryTicketReplayGuard(clock), clock);
        byte[] ticket = CfxTicketIssuer.with(TestKeys.priv()).guid(7).expiry(Instant.parse("2027-01-01T00:00:00Z"))
                .extraJson("{\"gn\":\"gta5\"}").issue();
        run("ticket", List.of(ticket, Base64.getEncoder().encode(ticket)), d -> {
            try {
                CfxTicket.parse(d);
            } catch (FivemProtocolException ignored) {
                // continue
            }
            verifier.verify(Base64.getEncoder().encode(d), "7");
            verifier.verify(d, "7");
        }, slice * 2);
    }
}
