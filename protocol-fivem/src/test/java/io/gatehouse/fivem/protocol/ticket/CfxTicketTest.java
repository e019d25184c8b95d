package io.gatehouse.fivem.protocol.ticket;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gatehouse.fivem.protocol.FivemProtocolException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.security.interfaces.RSAPublicKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class CfxTicketTest {

    static final long GUID = 0x0210000100000001L;
    static final String GUID_FIELD = Long.toUnsignedString(GUID);
    static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");
    static final byte[] HASH = HexFormat.of().parseHex("00112233445566778899aabbccddeeff00112233");
    static final String EXTRA = "{\"gn\":\"gta5\",\"si\":\"srv1\",\"tk\":[\"license2:ab\",\"discord:1\"],\"hw\":[\"3:aa\"]}";

    MutableClock clock;
    CfxTicketVerifier verifier;

    static final class MutableClock extends Clock {
        final AtomicReference<Instant> now = new AtomicReference<>(NOW);

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now.get();
        }
    }

    @BeforeEach
    void setUp() {
        clock = new MutableClock();
        verifier = new CfxTicketVerifier(CfxPublicKeySource.fixed(TestKeys.pub()), new InMemoryTicketReplayGuard(clock),
                clock);
    }

    static CfxTicketIssuer issuer() {
        return CfxTicketIssuer.with(TestKeys.priv()).guid(GUID).expiry(NOW.plusSeconds(3600)).entitlementHash(HASH)
                .extraJson(EXTRA);
    }

    static TicketFailure failure(TicketVerification v) {
        assertThat(v).isInstanceOf(TicketVerification.Rejected.class);
        return ((TicketVerification.Rejected) v).failure();
    }

    @Test
    void validTicketVerifiesAndYieldsIdentifiers() {
        TicketVerification v = verifier.verify(issuer().issueBase64(), GUID_FIELD);
        assertThat(v).isInstanceOf(TicketVerification.Verified.class);
        TicketData d = ((TicketVerification.Verified) v).data();
        assertThat(d.licenseIdentifier()).contains("license:00112233445566778899aabbccddeeff00112233");
        assertThat(d.extraJson()).contains(EXTRA);
        assertThat(d.extraString("gn")).contains("gta5");
        assertThat(d.extraString("si")).contains("srv1");
        assertThat(d.extraIdentifiers()).containsExactly("license2:ab", "discord:1");
        assertThat(d.hardwareTokens()).containsExactly("3:aa");
    }

    @Test
    void layoutMatchesReferenceTable() {
        byte[] t = issuer().issue();
        ByteBuffer b = ByteBuffer.wrap(t).order(ByteOrder.LITTLE_ENDIAN);
        int n = 24 + EXTRA.getBytes(StandardCharsets.UTF_8).length;
        assertThat(t).hasSize(288 + n);
        assertThat(b.getInt(0)).isEqualTo(16);
        assertThat(b.getLong(4)).isEqualTo(GUID);
        assertThat(b.getLong(12)).isEqualTo(NOW.getEpochSecond() + 3600);
        assertThat(b.getInt(20)).isEqualTo(128);
        assertThat(b.getInt(152)).isEqualTo(n);
        assertThat(Arrays.copyOfRange(t, 156, 176)).isEqualTo(HASH);
        assertThat(b.getInt(176)).isEqualTo(EXTRA.length());
        assertThat(b.getInt(156 + n)).isEqualTo(128);
        CfxTicket parsed = CfxTicket.parse(t);
        assertThat(parsed.guid()).isEqualTo(GUID);
        assertThat(parsed.extraJson()).contains(EXTRA);
        assertThat(parsed.entitlementHash()).hasValueSatisfying(h -> assertThat(h).isEqualTo(HASH));
    }

    @Test
    void signaturesAreSha1WithRsaOverTypeByteAndDigest() throws Exception {
        byte[] t = issuer().issue();
        java.security.Signature s = java.security.Signature.getInstance("SHA1withRSA");
        s.initVerify(TestKeys.pub());
        byte[] digest = java.security.MessageDigest.getInstance("SHA-1").digest(Arrays.copyOfRange(t, 4, 20));
        byte[] msg = new byte[21];
        msg[0] = 2;
        System.arraycopy(digest, 0, msg, 1, 20);
        s.update(msg);
        assertThat(s.verify(t, 24, 128)).isTrue();
    }

    @Test
    void expired() {
        String t = issuer().expiry(NOW.minusSeconds(1)).issueBase64();
        assertThat(failure(verifier.verify(t, GUID_FIELD))).isEqualTo(TicketFailure.EXPIRED);
        assertThat(TicketFailure.EXPIRED.text())
                .isEqualTo("Ticket authorization failed. Ticket expired. Please check your server's system time.");
        // expiry == now is still valid (the check is expiry < now)
        assertThat(verifier.verify(issuer().expiry(NOW).issueBase64(), GUID_FIELD))
                .isInstanceOf(TicketVerification.Verified.class);
    }

    @Test
    void wrongGuid() {
        TicketVerification v = verifier.verify(issuer().issueBase64(), "148618791998193666");
        assertThat(failure(v)).isEqualTo(TicketFailure.MISMATCHING_GUID);
        assertThat(((TicketVerification.Rejected) v).errorMessage())
                .isEqualTo("Ticket authorization failed. Mismatching GUID.");
    }

    @Test
    void guidIsParsedWithStrtoull() {
        // trailing garbage is ignored by strtoull, as in FXServer
        assertThat(verifier.verify(issuer().issueBase64(), GUID_FIELD + "xyz"))
                .isInstanceOf(TicketVerification.Verified.class);
    }

    @Test
    void badSignature() {
        String forged = CfxTicketIssuer.with(TestKeys.otherPriv()).guid(GUID).expiry(NOW.plusSeconds(60))
                .entitlementHash(HASH).extraJson(EXTRA).issueBase64();
        TicketVerification v = verifier.verify(forged, GUID_FIELD);
        assertThat(failure(v)).isEqualTo(TicketFailure.INVALID_SIGNATURE);
        assertThat(((TicketVerification.Rejected) v).errorMessage())
                .isEqualTo("Ticket authorization failed. Invalid ticket signature.");
    }

    @Test
    void tamperedExtraDataFailsTheSecondSignature() {
        byte[] t = issuer().issue();
        t[200] ^= 1; // inside the extra JSON, covered only by sig2
        TicketVerification v = verifier.verify(Base64.getEncoder().encodeToString(t), GUID_FIELD);
        assertThat(failure(v)).isEqualTo(TicketFailure.EXTENDED_CHECK_FAILED);
        assertThat(((TicketVerification.Rejected) v).errorMessage()).isEqualTo("Ticket authorization failed. (2)");
    }

    @Test
    void reusedTicketViaInMemoryReplayGuard() {
        String t = issuer().issueBase64();
        assertThat(verifier.verify(t, GUID_FIELD)).isInstanceOf(TicketVerification.Verified.class);
        TicketVerification again = verifier.verify(t, GUID_FIELD);
        assertThat(failure(again)).isEqualTo(TicketFailure.REUSED);
        assertThat(((TicketVerification.Rejected) again).errorMessage())
                .isEqualTo("Ticket authorization failed. Reused ticket.");
        // 30 minutes later the pair is forgotten
        clock.now.set(NOW.plus(Duration.ofMinutes(31)));
        assertThat(verifier.verify(t, GUID_FIELD)).isInstanceOf(TicketVerification.Verified.class);
    }

    @Test
    void truncatedAndGarbageTickets() {
        byte[] t = issuer().issue();
        assertThat(failure(verifier.verify(Base64.getEncoder().encodeToString(Arrays.copyOf(t, 151)), GUID_FIELD)))
                .isEqualTo(TicketFailure.INVALID_LENGTH);
        assertThat(TicketFailure.INVALID_LENGTH.text()).isEqualTo("Ticket authorization failed. Invalid ticket length.");
        // cut inside the extra data: VerifyTicket passes, VerifyTicketEx refuses
        assertThat(failure(verifier.verify(Base64.getEncoder().encodeToString(Arrays.copyOf(t, 200)), GUID_FIELD)))
                .isEqualTo(TicketFailure.EXTENDED_CHECK_FAILED);

        byte[] header = t.clone();
        header[0] = 17;
        assertThat(failure(verifier.verify(Base64.getEncoder().encodeToString(header), GUID_FIELD)))
                .isEqualTo(TicketFailure.INVALID_LENGTH_2);
        assertThat(TicketFailure.INVALID_LENGTH_2.text())
                .isEqualTo("Ticket authorization failed. Invalid ticket length. (2)");

        byte[] sigLen = issuer().guid(GUID + 1).issue();
        sigLen[20] = 127;
        assertThat(failure(verifier.verify(Base64.getEncoder().encodeToString(sigLen), Long.toUnsignedString(GUID + 1))))
                .isEqualTo(TicketFailure.INVALID_SIGNATURE_LENGTH);
        assertThat(TicketFailure.INVALID_SIGNATURE_LENGTH.text())
                .isEqualTo("Ticket authorization failed. Invalid signature length.");

        TicketVerification garbage = verifier.verify("not*base64", GUID_FIELD);
        assertThat(failure(garbage)).isEqualTo(TicketFailure.PARSING_ERROR);
        assertThat(((TicketVerification.Rejected) garbage).errorMessage())
                .isEqualTo("Parsing error while verifying ticket. base64_decode: invalid base64 character '*'");
        assertThat(failure(verifier.verify("", GUID_FIELD))).isEqualTo(TicketFailure.INVALID_LENGTH);
    }

    @Test
    void extraJsonFieldsCanBeMissingOrMalformed() {
        String noJson = issuer().extraJson(null).issueBase64();
        TicketData d = ((TicketVerification.Verified) verifier.verify(noJson, GUID_FIELD)).data();
        assertThat(d.extraJson()).isEmpty();
        assertThat(d.licenseIdentifier()).isPresent();
        assertThat(d.extraString("gn")).isEmpty();

        String bad = issuer().guid(GUID + 2).extraJson("{not json").issueBase64();
        TicketData d2 = ((TicketVerification.Verified) verifier.verify(bad, Long.toUnsignedString(GUID + 2))).data();
        assertThat(d2.extraString("gn")).isEmpty();
        assertThat(d2.extraIdentifiers()).isEmpty();

        String mixed = issuer().guid(GUID + 3).extraJson("{\"tk\":[\"a:1\",5,\"b:2\"]}").issueBase64();
        TicketData d3 = ((TicketVerification.Verified) verifier.verify(mixed, Long.toUnsignedString(GUID + 3))).data();
        assertThat(d3.extraIdentifiers()).containsExactly("a:1");
    }

    @Test
    void missingPublicKey() {
        CfxTicketVerifier noKey = new CfxTicketVerifier(CfxPublicKeySource.fixed(null),
                new InMemoryTicketReplayGuard(clock), clock);
        TicketVerification v = noKey.verify(issuer().issueBase64(), GUID_FIELD);
        assertThat(((TicketVerification.Rejected) v).errorMessage()).isEqualTo("public key request failed.");
    }

    @Test
    void keyRotationRetriesOnceWithAFreshKey() {
        AtomicReference<RSAPublicKey> served = new AtomicReference<>((RSAPublicKey) TestKeys.OTHER.getPublic());
        CfxPublicKeySource rotating = new CfxPublicKeySource() {
            RSAPublicKey cached;

            @Override
            public Optional<RSAPublicKey> current() {
                if (cached == null) {
                    cached = served.get();
                }
                return Optional.ofNullable(cached);
            }

            @Override
            public boolean expire() {
                cached = null;
                return true;
            }
        };
        CfxTicketVerifier v = new CfxTicketVerifier(rotating, new InMemoryTicketReplayGuard(clock), clock);
        rotating.current(); // the old key is cached, then the issuer rotates
        served.set(TestKeys.pub());
        assertThat(v.verify(issuer().issueBase64(), GUID_FIELD)).isInstanceOf(TicketVerification.Verified.class);

        CfxPublicKeySource gone = new CfxPublicKeySource() {
            boolean first = true;

            @Override
            public Optional<RSAPublicKey> current() {
                if (first) {
                    first = false;
                    return Optional.of((RSAPublicKey) TestKeys.OTHER.getPublic());
                }
                return Optional.empty();
            }

            @Override
            public boolean expire() {
                return true;
            }
        };
        TicketVerification r = new CfxTicketVerifier(gone, new InMemoryTicketReplayGuard(clock), clock)
                .verify(issuer().guid(GUID + 9).issueBase64(), Long.toUnsignedString(GUID + 9));
        assertThat(((TicketVerification.Rejected) r).errorMessage()).isEqualTo("public key request failed (2).");
    }

    @Test
    void botanBase64IsLenient() throws Exception {
        assertThat(BotanBase64.decode("aGVs bG8=\r\n".getBytes())).isEqualTo("hello".getBytes());
        assertThat(BotanBase64.decode("aGVsbG8".getBytes())).isEqualTo("hello".getBytes());
        assertThatThrownBy(() -> BotanBase64.decode("ab-c".getBytes()))
                .hasMessage("base64_decode: invalid base64 character '-'");
        assertThatThrownBy(() -> BotanBase64.decode("ab\u000bc".getBytes()))
                .hasMessage("base64_decode: invalid base64 character '\u000b'");
    }

    @Test
    void parserRejectsMalformedLayouts() {
        byte[] t = issuer().issue();
        assertThatThrownBy(() -> CfxTicket.parse(Arrays.copyOf(t, t.length - 1)))
                .isInstanceOf(FivemProtocolException.class);
        assertThatThrownBy(() -> CfxTicket.parse(new byte[10])).isInstanceOf(FivemProtocolException.class);
        assertThat(CfxTicket.parse(t).toString()).doesNotContain("signature");
    }

    @Test
    void keysRoundTripThroughDerAndPem() {
        String b64 = CfxKeys.publicKeyToBase64(TestKeys.pub());
        assertThat(CfxKeys.publicKeyFromBase64(b64)).isEqualTo(TestKeys.pub());
        assertThat(CfxKeys.publicKeyFromPem(CfxKeys.publicKeyToPem(TestKeys.pub()))).isEqualTo(TestKeys.pub());
        String spki = "-----BEGIN PUBLIC KEY-----\n" + Base64.getMimeEncoder().encodeToString(TestKeys.pub().getEncoded())
                + "\n-----END PUBLIC KEY-----\n";
        assertThat(CfxKeys.publicKeyFromPem(spki)).isEqualTo(TestKeys.pub());
        assertThat(CfxKeys.privateKeyFromPem(CfxKeys.privateKeyToPem(TestKeys.priv()))).isEqualTo(TestKeys.priv());
        assertThat(CfxKeys.privateKeyFromPem(CfxKeys.privateKeyToPkcs1Pem(TestKeys.priv()))).isEqualTo(TestKeys.priv());
        assertThat(CfxKeys.publicOf(TestKeys.priv())).isEqualTo(TestKeys.pub());
        assertThat(CfxKeys.legacyCfxPublicKey().getModulus().bitLength()).isEqualTo(1024);
        assertThatThrownBy(() -> CfxKeys.publicKeyFromBase64("AAAA")).isInstanceOf(FivemProtocolException.class);
        assertThatThrownBy(() -> CfxKeys.publicKeyFromPem("nope")).isInstanceOf(FivemProtocolException.class);
    }

    @Test
    void replayGuardIsAtomicPerPair() {
        InMemoryTicketReplayGuard g = new InMemoryTicketReplayGuard(clock);
        assertThat(g.checkAndRecord(1, 2)).isFalse();
        assertThat(g.checkAndRecord(1, 2)).isTrue();
        assertThat(g.checkAndRecord(1, 3)).isFalse();
        assertThat(g.checkAndRecord(2, 2)).isFalse();
    }
}
