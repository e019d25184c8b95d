package io.gatehouse.fivem.protocol.ticket;

import io.gatehouse.fivem.protocol.FivemProtocolException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.util.Arrays;
import java.util.Optional;

/**
 * The decoded {@code cfxTicket2} layout (all integers little-endian):
 * <pre>
 *   0   u32  length, must be 16
 *   4   u64  guid
 *   12  u64  expiry (unix seconds)
 *   20  u32  sigLen1 = 128
 *   24  128  sig1 over bytes [4, 20)
 *   152 u32  extraLength N
 *   156 N    extra: [0,20) entitlement hash, [20,24) u32 M, [24,24+M) JSON
 *   156+N u32 sigLen2 = 128
 *   160+N 128 sig2 over bytes [4, 156+N)
 * </pre>
 * Signatures are RSASSA-PKCS1-v1_5 with SHA-1 over {@code 0x02 || SHA1(payload)} (Botan {@code EMSA_PKCS1(SHA-1)} over
 * a message that is itself a type byte plus a digest).
 */
public record CfxTicket(long guid, long expiry, byte[] signature1, byte[] extraData, byte[] signature2) {

    public static final int HEADER_LENGTH_FIELD = 16;
    public static final int SIGNATURE_LENGTH = 128;
    /** {@code VerifyTicket}'s minimum: 20 + 4 + 128. */
    public static final int MIN_LENGTH = 152;
    /** {@code VerifyTicketEx}'s minimum: 20 + 4 + 128 + 4. */
    public static final int MIN_LENGTH_EX = 156;
    public static final int ENTITLEMENT_HASH_LENGTH = 20;

    /** Parses a complete, well-formed ticket (no signature checks). Any deviation is a {@link FivemProtocolException}. */
    public static CfxTicket parse(byte[] t) {
        if (t.length < MIN_LENGTH_EX) {
            throw bad("ticket too short");
        }
        ByteBuffer b = ByteBuffer.wrap(t).order(ByteOrder.LITTLE_ENDIAN);
        if (b.getInt(0) != HEADER_LENGTH_FIELD) {
            throw bad("ticket header length is not 16");
        }
        if (b.getInt(20) != SIGNATURE_LENGTH) {
            throw bad("first signature length is not 128");
        }
        long n = Integer.toUnsignedLong(b.getInt(152));
        if (t.length != 160L + n + SIGNATURE_LENGTH) {
            throw bad("ticket length does not match its extra data length");
        }
        int ni = (int) n;
        if (b.getInt(156 + ni) != SIGNATURE_LENGTH) {
            throw bad("second signature length is not 128");
        }
        return new CfxTicket(b.getLong(4), b.getLong(12), Arrays.copyOfRange(t, 24, 152),
                Arrays.copyOfRange(t, 156, 156 + ni), Arrays.copyOfRange(t, 160 + ni, 288 + ni));
    }

    private static FivemProtocolException bad(String msg) {
        return new FivemProtocolException(FivemProtocolException.Kind.TICKET, msg);
    }

    /** The entitlement hash, if the extra data holds at least 20 bytes. */
    public Optional<byte[]> entitlementHash() {
        return extraData.length >= 20 ? Optional.of(Arrays.copyOf(extraData, 20)) : Optional.empty();
    }

    /** The extra JSON, if the extra data holds its length and all of its bytes. */
    public Optional<String> extraJson() {
        return extraJsonOf(extraData);
    }

    static Optional<String> extraJsonOf(byte[] extra) {
        if (extra.length < 24) {
            return Optional.empty();
        }
        long m = Integer.toUnsignedLong(ByteBuffer.wrap(extra, 20, 4).order(ByteOrder.LITTLE_ENDIAN).getInt());
        if (extra.length < 24 + m) {
            return Optional.empty();
        }
        return Optional.of(new String(extra, 24, (int) m, StandardCharsets.UTF_8));
    }

    /** Builds the extra-data block: entitlement hash, then (optionally) the JSON with its u32 length. */
    public static byte[] extraData(byte[] entitlementHash, String json) {
        if (entitlementHash.length != ENTITLEMENT_HASH_LENGTH) {
            throw new IllegalArgumentException("entitlement hash must be 20 bytes");
        }
        if (json == null) {
            return entitlementHash.clone();
        }
        byte[] j = json.getBytes(StandardCharsets.UTF_8);
        ByteBuffer b = ByteBuffer.allocate(24 + j.length).order(ByteOrder.LITTLE_ENDIAN);
        b.put(entitlementHash).putInt(j.length).put(j);
        return b.array();
    }

    /** {@code 0x02 || SHA1(bytes[from, to))}, the message both signatures cover. */
    static byte[] signedMessage(byte[] data, int from, int to) {
        try {
            MessageDigest sha1 = MessageDigest.getInstance("SHA-1");
            sha1.update(data, from, to - from);
            byte[] digest = sha1.digest();
            byte[] msg = new byte[21];
            msg[0] = 2;
            System.arraycopy(digest, 0, msg, 1, 20);
            return msg;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-1 unavailable", e);
        }
    }

    static boolean verifySignature(PublicKey key, byte[] message, byte[] sig, int sigOffset, int sigLength) {
        try {
            Signature s = Signature.getInstance("SHA1withRSA");
            s.initVerify(key);
            s.update(message);
            return s.verify(sig, sigOffset, sigLength);
        } catch (GeneralSecurityException | RuntimeException e) {
            // Botan answers "invalid" for out-of-range or malformed signatures rather than failing the request
            return false;
        }
    }

    static byte[] sign(PrivateKey key, byte[] message) {
        try {
            Signature s = Signature.getInstance("SHA1withRSA");
            s.initSign(key);
            s.update(message);
            return s.sign();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("RSA signing failed", e);
        }
    }

    @Override
    public String toString() {
        return "CfxTicket[guid=" + Long.toUnsignedString(guid) + ", expiry=" + Long.toUnsignedString(expiry)
                + ", extraLength=" + extraData.length + "]";
    }
}
