package io.gatehouse.fivem.protocol.http;

import io.gatehouse.fivem.protocol.json.FxJson;
import io.gatehouse.fivem.protocol.ticket.TicketData;
import io.gatehouse.fivem.protocol.ticket.TicketFailure;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/** The result of {@link InitConnect#decide}. */
public sealed interface InitConnectDecision {

    /**
     * A refusal with FXServer's exact error text; send {@link #chunk()} and end the response.
     *
     * @param ticketFailure set when {@code error == TICKET} (or the ticket JSON checks)
     */
    record Rejected(InitConnectError error, String message, Optional<TicketFailure> ticketFailure)
            implements InitConnectDecision {
        public Rejected {
            Objects.requireNonNull(error, "error");
            Objects.requireNonNull(message, "message");
            ticketFailure = ticketFailure == null ? Optional.empty() : ticketFailure;
        }

        public Rejected(InitConnectError error, String message) {
            this(error, message, Optional.empty());
        }

        /** {@code {"error":"<message>"}\r\n}. */
        public String chunk() {
            return DeferralChunks.error(message);
        }
    }

    /**
     * All checks passed; the caller now issues a token, drops any client with the same guid ("Reconnecting"),
     * creates the pending client with temporary net ID {@code 0x10000 + n}, runs {@code playerConnecting} and
     * deferrals, and finally sends {@link InitConnect#successChunk}.
     *
     * @param name        the player name after truncation to 200 bytes and UTF-8 repair
     * @param guid        the guid form field as sent
     * @param gameName    the request's {@code gameName} ("" when absent), echoed as {@code gamename}
     * @param tcpEndpoint the remote address without its port, as FXServer stores it
     * @param identifiers in provider order: external providers, then {@code license:}, {@code tk} entries, {@code ip:}
     * @param tokens      the ticket's {@code hw} tokens
     */
    record Accepted(String name, String guid, String gameName, String tcpEndpoint, List<String> identifiers,
                    List<String> tokens, TicketData ticket) implements InitConnectDecision {
        public Accepted {
            identifiers = List.copyOf(identifiers);
            tokens = List.copyOf(tokens);
        }

        /** The final success object for this client, e.g. to build a JSON with {@link FxJson#chunk}. */
        public Map<String, Object> successObject(InitConnectConfig config, String token,
                                                 Map<String, String> handover) {
            return InitConnect.successObject(config, gameName, token, handover);
        }

        @Override
        public String toString() {
            return "Accepted[name=" + name + ", guid=" + guid + ", gameName=" + gameName + ", identifiers="
                    + identifiers.size() + "]";
        }
    }
}
