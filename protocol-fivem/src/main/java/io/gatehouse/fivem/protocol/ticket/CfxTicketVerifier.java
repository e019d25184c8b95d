package io.gatehouse.fivem.protocol.ticket;

import io.gatehouse.fivem.protocol.CStrings;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.security.interfaces.RSAPublicKey;
import java.time.Clock;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;

/**
 * FXServer's ticket checks ({@code VerifyTicket} then {@code VerifyTicketEx} in {@code InitConnectMethod.cpp}), in
 * their order: length, header length, expiry, guid, reuse, first signature length, first signature; then extra-data
 * bounds, second signature length and second signature. Each failure maps to FXServer's exact text.
 *
 * <p>One deliberate difference: after a signature failure FXServer refreshes the key and re-runs {@code VerifyTicket},
 * which then trips its own anti-replay set ("Reused ticket.") because the first run already recorded the pair. Here
 * the retry re-checks only the signature, so a key rotation does not reject the first ticket signed with the new key.
 */
public final class CfxTicketVerifier implements TicketVerifier {

    private final CfxPublicKeySource keys;
    private final TicketReplayGuard replayGuard;
    private final Clock clock;

    public CfxTicketVerifier(CfxPublicKeySource keys, TicketReplayGuard replayGuard, Clock clock) {
        this.keys = Objects.requireNonNull(keys, "keys");
        this.replayGuard = Objects.requireNonNull(replayGuard, "replayGuard");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    public TicketVerification verify(String ticketField, String guid) {
        return verify(ticketField.getBytes(StandardCharsets.UTF_8), guid);
    }

    @Override
    public TicketVerification verify(byte[] ticketField, String guid) {
        Optional<RSAPublicKey> key = keys.current();
        if (key.isEmpty()) {
            return new TicketVerification.Rejected(TicketFailure.PUBLIC_KEY_UNAVAILABLE);
        }
        byte[] t;
        try {
            t = BotanBase64.decode(ticketField);
        } catch (BotanBase64.InvalidBase64 e) {
            return new TicketVerification.Rejected(TicketFailure.PARSING_ERROR, e.getMessage());
        }
        ByteBuffer le = ByteBuffer.wrap(t).order(ByteOrder.LITTLE_ENDIAN);

        // VerifyTicket
        if (t.length < CfxTicket.MIN_LENGTH) {
            return new TicketVerification.Rejected(TicketFailure.INVALID_LENGTH);
        }
        int length = le.getInt(0);
        if (length != CfxTicket.HEADER_LENGTH_FIELD) {
            return new TicketVerification.Rejected(TicketFailure.INVALID_LENGTH_2);
        }
        long ticketGuid = le.getLong(4);
        long expiry = le.getLong(12);
        long now = clock.instant().getEpochSecond();
        if (Long.compareUnsigned(expiry, now) < 0) {
            return new TicketVerification.Rejected(TicketFailure.EXPIRED);
        }
        if (CStrings.strtoull(guid) != ticketGuid) {
            return new TicketVerification.Rejected(TicketFailure.MISMATCHING_GUID);
        }
        if (replayGuard.checkAndRecord(expiry, ticketGuid)) {
            return new TicketVerification.Rejected(TicketFailure.REUSED);
        }
        if (le.getInt(20) != CfxTicket.SIGNATURE_LENGTH) {
            return new TicketVerification.Rejected(TicketFailure.INVALID_SIGNATURE_LENGTH);
        }
        byte[] msg1 = CfxTicket.signedMessage(t, 4, 20);
        RSAPublicKey pk = key.get();
        if (!CfxTicket.verifySignature(pk, msg1, t, 24, CfxTicket.SIGNATURE_LENGTH)) {
            if (!keys.expire()) {
                return new TicketVerification.Rejected(TicketFailure.INVALID_SIGNATURE);
            }
            Optional<RSAPublicKey> refreshed = keys.current();
            if (refreshed.isEmpty()) {
                return new TicketVerification.Rejected(TicketFailure.PUBLIC_KEY_UNAVAILABLE_AFTER_REFRESH);
            }
            pk = refreshed.get();
            if (!CfxTicket.verifySignature(pk, msg1, t, 24, CfxTicket.SIGNATURE_LENGTH)) {
                return new TicketVerification.Rejected(TicketFailure.INVALID_SIGNATURE);
            }
        }

        // VerifyTicketEx
        if (t.length < CfxTicket.MIN_LENGTH_EX) {
            return new TicketVerification.Rejected(TicketFailure.EXTENDED_CHECK_FAILED);
        }
        long extraLength = Integer.toUnsignedLong(le.getInt(152));
        // the C++ reads sigLen2 and sig2 without checking they are inside the buffer; we require them to be
        if (t.length < 160L + extraLength + CfxTicket.SIGNATURE_LENGTH) {
            return new TicketVerification.Rejected(TicketFailure.EXTENDED_CHECK_FAILED);
        }
        int n = (int) extraLength;
        if (le.getInt(156 + n) != CfxTicket.SIGNATURE_LENGTH) {
            return new TicketVerification.Rejected(TicketFailure.EXTENDED_CHECK_FAILED);
        }
        // FXServer hashes [4, size - 132): everything before sigLen2 when the ticket has no trailing bytes
        byte[] msg2 = CfxTicket.signedMessage(t, 4, t.length - 132);
        if (!CfxTicket.verifySignature(pk, msg2, t, 160 + n, CfxTicket.SIGNATURE_LENGTH)) {
            return new TicketVerification.Rejected(TicketFailure.EXTENDED_CHECK_FAILED);
        }
        byte[] extra = Arrays.copyOfRange(t, 156, 156 + n);
        Optional<byte[]> hash = extra.length >= 20 ? Optional.of(Arrays.copyOf(extra, 20)) : Optional.empty();
        return new TicketVerification.Verified(new TicketData(hash, CfxTicket.extraJsonOf(extra)));
    }
}
