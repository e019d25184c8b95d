package io.gatehouse.fivem.protocol.ticket;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.security.interfaces.RSAPrivateCrtKey;
import java.time.Instant;
import java.util.Base64;
import java.util.Objects;

/**
 * Issues {@code cfxTicket2} tickets in the layout {@link CfxTicketVerifier} (and FXServer) accept, for the local
 * development issuer and the bot. The key must be 1024-bit so signatures are 128 bytes.
 *
 * <pre>{@code
 * String ticket = CfxTicketIssuer.with(privateKey).guid(guid).expiry(now.plusSeconds(3600))
 *         .entitlementHash(hash20).extraJson("{\"gn\":\"gta5\",\"si\":\"abc\"}").issueBase64();
 * }</pre>
 */
public final class CfxTicketIssuer {

    private final RSAPrivateCrtKey key;
    private long guid;
    private long expiry;
    private byte[] entitlementHash = new byte[CfxTicket.ENTITLEMENT_HASH_LENGTH];
    private String extraJson;
    private byte[] rawExtra;

    private CfxTicketIssuer(RSAPrivateCrtKey key) {
        if (key.getModulus().bitLength() != CfxKeys.KEY_BITS) {
            throw new IllegalArgumentException("Cfx tickets need a 1024-bit RSA key (128-byte signatures)");
        }
        this.key = key;
    }

    public static CfxTicketIssuer with(RSAPrivateCrtKey key) {
        return new CfxTicketIssuer(Objects.requireNonNull(key, "key"));
    }

    /** The client's guid as an unsigned 64-bit value. */
    public CfxTicketIssuer guid(long guidUnsigned) {
        this.guid = guidUnsigned;
        return this;
    }

    public CfxTicketIssuer expiry(Instant expiry) {
        this.expiry = expiry.getEpochSecond();
        return this;
    }

    public CfxTicketIssuer expiryEpochSeconds(long expiry) {
        this.expiry = expiry;
        return this;
    }

    /** 20 bytes; becomes {@code license:<hex>}. */
    public CfxTicketIssuer entitlementHash(byte[] hash) {
        if (hash.length != CfxTicket.ENTITLEMENT_HASH_LENGTH) {
            throw new IllegalArgumentException("entitlement hash must be 20 bytes");
        }
        this.entitlementHash = hash.clone();
        return this;
    }

    /** The extra JSON ({@code gn}, {@code si}, {@code tk}, {@code hw}); null for none. */
    public CfxTicketIssuer extraJson(String json) {
        this.extraJson = json;
        return this;
    }

    /** Overrides the whole extra-data block (tests of malformed extras). */
    public CfxTicketIssuer rawExtraData(byte[] extra) {
        this.rawExtra = extra == null ? null : extra.clone();
        return this;
    }

    public byte[] issue() {
        byte[] extra = rawExtra != null ? rawExtra : CfxTicket.extraData(entitlementHash, extraJson);
        int n = extra.length;
        ByteBuffer b = ByteBuffer.allocate(288 + n).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(CfxTicket.HEADER_LENGTH_FIELD).putLong(guid).putLong(expiry);
        byte[] head = b.array();
        byte[] sig1 = CfxTicket.sign(key, CfxTicket.signedMessage(head, 4, 20));
        b.putInt(CfxTicket.SIGNATURE_LENGTH).put(sig1);
        b.putInt(n).put(extra);
        byte[] sig2 = CfxTicket.sign(key, CfxTicket.signedMessage(b.array(), 4, 156 + n));
        b.putInt(CfxTicket.SIGNATURE_LENGTH).put(sig2);
        return b.array();
    }

    public String issueBase64() {
        return Base64.getEncoder().encodeToString(issue());
    }
}
