package io.gatehouse.gateway.hytale.transport;

import io.netty.buffer.ByteBuf;
import io.netty.handler.codec.quic.QuicTokenHandler;
import java.net.InetSocketAddress;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Stateless Retry tokens: {@code expiry(8) | HMAC-SHA256(key, expiry | client ip | client port | odcid)(32) | odcid}.
 * The key is random per process (a token only has to survive one round trip), so a restart just costs one more
 * Retry. Used only when {@code gatehouse.hytale.retry=true}; runs on the codec's event loop.
 */
final class HmacRetryTokenHandler implements QuicTokenHandler {

    private static final int EXPIRY_LENGTH = 8;
    private static final int MAC_LENGTH = 32;
    private static final int HEADER_LENGTH = EXPIRY_LENGTH + MAC_LENGTH;
    private static final int MAX_CID_LENGTH = 20;

    private final long lifetimeMillis;
    private final ThreadLocal<Mac> macs;

    HmacRetryTokenHandler(Duration lifetime) {
        this.lifetimeMillis = lifetime.toMillis();
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        SecretKeySpec spec = new SecretKeySpec(key, "HmacSHA256");
        this.macs = ThreadLocal.withInitial(() -> {
            try {
                Mac mac = Mac.getInstance("HmacSHA256");
                mac.init(spec);
                return mac;
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("HmacSHA256 unavailable", e);
            }
        });
    }

    @Override
    public boolean writeToken(ByteBuf out, ByteBuf dcid, InetSocketAddress address) {
        long expiry = System.currentTimeMillis() + lifetimeMillis;
        byte[] odcid = new byte[dcid.readableBytes()];
        dcid.getBytes(dcid.readerIndex(), odcid);
        out.writeLong(expiry);
        out.writeBytes(mac(expiry, address, odcid));
        out.writeBytes(odcid);
        return true;
    }

    @Override
    public int validateToken(ByteBuf token, InetSocketAddress address) {
        int start = token.readerIndex();
        int length = token.readableBytes();
        if (length < HEADER_LENGTH || length > HEADER_LENGTH + MAX_CID_LENGTH) {
            return -1;
        }
        long expiry = token.getLong(start);
        if (expiry < System.currentTimeMillis()) {
            return -1;
        }
        byte[] presented = new byte[MAC_LENGTH];
        token.getBytes(start + EXPIRY_LENGTH, presented);
        byte[] odcid = new byte[length - HEADER_LENGTH];
        token.getBytes(start + HEADER_LENGTH, odcid);
        return MessageDigest.isEqual(presented, mac(expiry, address, odcid)) ? HEADER_LENGTH : -1;
    }

    @Override
    public int maxTokenLength() {
        return HEADER_LENGTH + MAX_CID_LENGTH;
    }

    private byte[] mac(long expiry, InetSocketAddress address, byte[] odcid) {
        Mac mac = macs.get();
        for (int shift = 56; shift >= 0; shift -= 8) {
            mac.update((byte) (expiry >>> shift));
        }
        mac.update(address.getAddress().getAddress());
        mac.update((byte) (address.getPort() >>> 8));
        mac.update((byte) address.getPort());
        mac.update(odcid);
        return mac.doFinal();
    }
}
