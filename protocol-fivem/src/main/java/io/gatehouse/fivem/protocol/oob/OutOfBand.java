package io.gatehouse.fivem.protocol.oob;

import io.gatehouse.fivem.protocol.hash.HashRageString;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;

/**
 * FXServer's out-of-band UDP messages ({@code FF FF FF FF} + text): classification of incoming datagrams with the
 * rules of {@code WithOutOfBandImpl}, and the server/client messages that are not info/status responses.
 */
public final class OutOfBand {

    public static final byte[] PREFIX = {(byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF};

    public static final int GETINFO_HASH = HashRageString.of("getinfo");
    public static final int GETSTATUS_HASH = HashRageString.of("getstatus");
    public static final int RCON_HASH = HashRageString.of("rcon");

    /** The real client's getinfo challenge ({@code NetLibrary.cpp}, {@code case CS_FETCHING}). */
    public static final String CLIENT_CHALLENGE = "xyz";

    /** Requests whose getinfo data is longer than this are dropped without an answer. */
    public static final int GETINFO_MAX_DATA = 8;

    private OutOfBand() {
    }

    public static boolean isOutOfBand(byte[] datagram, int offset, int length) {
        return length >= 4 && datagram[offset] == (byte) 0xFF && datagram[offset + 1] == (byte) 0xFF
                && datagram[offset + 2] == (byte) 0xFF && datagram[offset + 3] == (byte) 0xFF;
    }

    public static OobPacket classify(byte[] datagram) {
        return classify(datagram, 0, datagram.length);
    }

    /**
     * Classifies a datagram. Never throws for any byte content. The key is matched by its HashRageString, as in
     * FXServer (so a colliding key is treated as that handler, exactly like the real server).
     */
    public static OobPacket classify(byte[] datagram, int offset, int length) {
        if (offset < 0 || length < 0 || offset + length > datagram.length) {
            throw new IndexOutOfBoundsException("bad datagram range");
        }
        if (!isOutOfBand(datagram, offset, length)) {
            return new OobPacket(OobKind.NOT_OOB, null, 0, null);
        }
        int begin = offset + 4;
        int len = length - 4;
        if (len == 0) {
            return new OobPacket(OobKind.SWALLOWED, null, 0, null);
        }
        int keyEnd = -1;
        for (int i = 0; i < len; i++) {
            byte b = datagram[begin + i];
            if (b == ' ' || b == '\n') {
                keyEnd = i;
                break;
            }
        }
        if (keyEnd == 0) {
            return new OobPacket(OobKind.SWALLOWED, null, 0, null);
        }
        if (keyEnd < 0) {
            keyEnd = len;
        }
        int keyHash = HashRageString.of(datagram, begin, keyEnd);
        int dataStart = Math.min(keyEnd + 1, len);
        byte[] data = Arrays.copyOfRange(datagram, begin + dataStart, begin + len);
        String key = new String(datagram, begin, keyEnd, StandardCharsets.UTF_8);
        OobKind kind;
        if (keyHash == GETINFO_HASH) {
            kind = OobKind.GETINFO;
        } else if (keyHash == GETSTATUS_HASH) {
            kind = OobKind.GETSTATUS;
        } else if (keyHash == RCON_HASH) {
            kind = OobKind.RCON;
        } else {
            kind = OobKind.UNHANDLED;
        }
        return new OobPacket(kind, key, keyHash, data);
    }

    /**
     * The getinfo challenge: the data up to the first ' ' or '\n'. Empty when the request must be dropped
     * because its data is longer than {@value #GETINFO_MAX_DATA} bytes.
     */
    public static Optional<String> getInfoChallenge(OobPacket packet) {
        byte[] data = packet.data();
        if (data.length > GETINFO_MAX_DATA) {
            return Optional.empty();
        }
        int end = data.length;
        for (int i = 0; i < data.length; i++) {
            if (data[i] == ' ' || data[i] == '\n') {
                end = i;
                break;
            }
        }
        return Optional.of(new String(data, 0, end, StandardCharsets.UTF_8));
    }

    /** {@code FF FF FF FF} + text, the framing of {@code SendOutOfBand(.., prefix=true)}; no trailing NUL. */
    public static byte[] frame(String text) {
        byte[] body = text.getBytes(StandardCharsets.UTF_8);
        byte[] out = new byte[4 + body.length];
        System.arraycopy(PREFIX, 0, out, 0, 4);
        System.arraycopy(body, 0, out, 4, body.length);
        return out;
    }

    /** Server to client: {@code error <reason>}, sent on drop and on handshake failure. */
    public static byte[] error(String reason) {
        return frame("error " + reason);
    }

    /** Client to server: {@code getinfo <challenge>}. */
    public static byte[] getInfoRequest(String challenge) {
        return frame("getinfo " + challenge);
    }

    /**
     * Client side: the reason in an {@code error} OOB (the client reads from byte 6 of the text, i.e. after
     * {@code "error "}), or empty when the datagram is not an error message.
     */
    public static Optional<String> parseError(byte[] datagram) {
        if (!isOutOfBand(datagram, 0, datagram.length)) {
            return Optional.empty();
        }
        String text = new String(datagram, 4, datagram.length - 4, StandardCharsets.UTF_8);
        if (!text.startsWith("error") || text.length() < 6) {
            return Optional.empty();
        }
        return Optional.of(text.substring(6));
    }
}
