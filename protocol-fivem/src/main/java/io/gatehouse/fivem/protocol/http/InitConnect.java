package io.gatehouse.fivem.protocol.http;

import io.gatehouse.fivem.protocol.CStrings;
import io.gatehouse.fivem.protocol.FivemProtocolException;
import io.gatehouse.fivem.protocol.form.FormData;
import io.gatehouse.fivem.protocol.json.FxJson;
import io.gatehouse.fivem.protocol.ticket.TicketData;
import io.gatehouse.fivem.protocol.ticket.TicketFailure;
import io.gatehouse.fivem.protocol.ticket.TicketVerification;
import io.gatehouse.fivem.protocol.ticket.TicketVerifier;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code method=initConnect} as a pure decision ({@code InitConnectMethod.cpp}): every check FXServer makes before
 * {@code playerConnecting}, in its order, each refusal carrying FXServer's exact text.
 *
 * <pre>{@code
 * InitConnectDecision d = InitConnect.decide(config, new InitConnectRequest(form, "203.0.113.9:51234"), verifier);
 * if (d instanceof InitConnectDecision.Rejected r) { write(r.chunk()); end(); }
 * else if (d instanceof InitConnectDecision.Accepted a) {
 *     // create the pending client, run deferrals (DeferralChunks.message/keepAlive/card), then:
 *     write(InitConnect.successChunk(config, a.gameName(), token, handover)); end();
 * }
 * }</pre>
 */
public final class InitConnect {

    /** {@code NETWORK_PROTOCOL}: clients below this are refused. */
    public static final int MIN_CLIENT_PROTOCOL = 12;
    /** The {@code protocol} value in the success object. */
    public static final int RESPONSE_PROTOCOL = 5;
    /** {@code GameServerNetImplENet::GetClientVersion}. */
    public static final int NETLIB_VERSION = 2;
    public static final int MAX_NAME_BYTES = 200;

    private static final int TRUST_IP = 5;
    private static final int VARIANCE_IP = 5;
    private static final int TRUST_LICENSE = 5;
    private static final int VARIANCE_LICENSE = 1;

    private InitConnect() {
    }

    public static InitConnectDecision decide(InitConnectConfig config, InitConnectRequest request,
                                             TicketVerifier verifier) {
        FormData form = request.form();

        // 1. server settled
        if (!config.settled()) {
            return reject(InitConnectError.SERVER_STARTING, InitConnectError.SERVER_STARTING_TEXT);
        }

        // 2. required fields
        if (!form.has("name") || !form.has("guid") || !form.has("protocol")) {
            return reject(InitConnectError.FIELDS_MISSING, InitConnectError.FIELDS_MISSING_TEXT);
        }
        byte[] nameBytes = form.raw("name");
        String guid = form.get("guid").orElseThrow();
        int protocol = CStrings.atoi(form.get("protocol").orElseThrow());
        String gameBuildField = form.get("gameBuild").orElse("0");
        String gameName = form.get("gameName").orElse("");

        // 3. protocol
        if (protocol < MIN_CLIENT_PROTOCOL) {
            return reject(InitConnectError.PROTOCOL_MISMATCH, InitConnectError.PROTOCOL_MISMATCH_TEXT);
        }

        // 4. game name
        String intendedGameName = config.game().id();
        if (!config.game().accepts(gameName)) {
            return reject(InitConnectError.GAME_MISMATCH, InitConnectError.gameMismatch(gameName, intendedGameName));
        }

        // 5. name: at most 200 bytes, invalid UTF-8 replaced
        if (nameBytes.length >= MAX_NAME_BYTES) {
            nameBytes = Arrays.copyOf(nameBytes, MAX_NAME_BYTES);
        }
        byte[] validName = CStrings.replaceInvalidUtf8(nameBytes, config.legacyUtf8NameErrors());
        if (validName == null) {
            return reject(InitConnectError.NAME_PARSE_FAILED, InitConnectError.NAME_PARSE_FAILED_TEXT);
        }
        String name = new String(validName, StandardCharsets.UTF_8);

        // 6. ticket
        TicketData ticket = TicketData.NONE;
        if (!config.lan()) {
            byte[] ticketField = form.raw("cfxTicket2");
            if (ticketField == null) {
                return rejectTicket(TicketFailure.NO_TICKET, TicketFailure.NO_TICKET.text());
            }
            TicketVerification v = verifier.verify(ticketField, guid);
            if (v instanceof TicketVerification.Rejected r) {
                return rejectTicket(r.failure(), r.errorMessage());
            }
            ticket = ((TicketVerification.Verified) v).data();
        }

        // 7-9 (token, replacing an older client with this guid, the pending client) belong to the caller.
        String remote = request.remoteAddress();
        int colon = remote.lastIndexOf(':');
        String tcpEndpoint = colon < 0 ? remote : remote.substring(0, colon);

        // 10. ticket extra JSON must name this game and this server
        boolean gameNameMatch = config.lan()
                || ticket.extraString("gn").map(intendedGameName::equals).orElse(false);
        if (!gameNameMatch) {
            return new InitConnectDecision.Rejected(InitConnectError.TICKET_GAME_NAME,
                    TicketFailure.GAME_NAME_MISMATCH.text(), Optional.of(TicketFailure.GAME_NAME_MISMATCH));
        }
        boolean serverIdMatch = config.lan() || config.serverId().isEmpty()
                || ticket.extraString("si").map(config.serverId()::equals).orElse(false);
        if (!serverIdMatch) {
            return new InitConnectDecision.Rejected(InitConnectError.TICKET_SERVER_ID,
                    TicketFailure.SERVER_ID_MISMATCH.text(), Optional.of(TicketFailure.SERVER_ID_MISMATCH));
        }

        // 11. identity providers: external (Steam...) first, then License (hash + tk), then EndPoint (ip)
        List<String> identifiers = new ArrayList<>();
        Map<String, int[]> levels = new HashMap<>();
        levels.put("ip", new int[] {TRUST_IP, VARIANCE_IP});
        levels.put("license", new int[] {TRUST_LICENSE, VARIANCE_LICENSE});
        for (InitConnectRequest.ExternalIdentity p : request.externalProviders()) {
            levels.put(p.prefix(), new int[] {p.trust(), p.variance()});
            if (p.error().isPresent()) {
                return reject(InitConnectError.IDENTITY_PROVIDER, p.error().get());
            }
            p.identifier().ifPresent(identifiers::add);
        }
        ticket.licenseIdentifier().ifPresent(identifiers::add);
        identifiers.addAll(ticket.extraIdentifiers());
        int ipColon = tcpEndpoint.lastIndexOf(':');
        // EndPointIdentityProvider strips a ':' suffix again from the already port-less endpoint
        identifiers.add("ip:" + (ipColon < 0 ? tcpEndpoint : tcpEndpoint.substring(0, ipColon)));

        // 12. trust
        int maxTrust = Integer.MIN_VALUE;
        int minVariance = Integer.MAX_VALUE;
        for (String id : identifiers) {
            int c = id.indexOf(':');
            int[] l = levels.get(c < 0 ? id : id.substring(0, c));
            if (l != null) {
                maxTrust = Math.max(maxTrust, l[0]);
                minVariance = Math.min(minVariance, l[1]);
            }
        }
        if (maxTrust < config.authMinTrust() || minVariance > config.authMaxVariance()) {
            return reject(InitConnectError.INSUFFICIENT_IDENTIFIERS, InitConnectError.INSUFFICIENT_IDENTIFIERS_TEXT);
        }

        // 13. game build
        if (config.game().enforcesBuild()) {
            int[] build = CStrings.scanGameBuild(gameBuildField);
            if (build[0] == 0 && build[1] == 0) {
                return reject(InitConnectError.INVALID_GAME_BUILD, InitConnectError.invalidGameBuild(gameBuildField));
            }
            String buildNumber = Integer.toString(build[0]);
            if (!config.enforceGameBuild().isEmpty() && !config.enforceGameBuild().equals(buildNumber)) {
                return reject(InitConnectError.GAME_BUILD_MISMATCH,
                        InitConnectError.gameBuildMismatch(config.enforceGameBuild(), buildNumber, config.game()));
            }
            int expectedRevision = expectedRevision(gameName, build[0]);
            if (expectedRevision != build[1]) {
                return reject(InitConnectError.GAME_BUILD_REVISION_MISMATCH,
                        InitConnectError.gameBuildRevisionMismatch(build[0], build[1], expectedRevision));
            }
        }

        return new InitConnectDecision.Accepted(name, guid, gameName, tcpEndpoint, identifiers,
                ticket.hardwareTokens(), ticket);
    }

    /** {@code kGameBuildUniquifiers}: only (rdr3, 1491) is listed, with revision 0; everything else expects 0. */
    static int expectedRevision(String gameName, int build) {
        return 0;
    }

    private static InitConnectDecision.Rejected reject(InitConnectError e, String message) {
        return new InitConnectDecision.Rejected(e, message);
    }

    private static InitConnectDecision.Rejected rejectTicket(TicketFailure f, String message) {
        return new InitConnectDecision.Rejected(InitConnectError.TICKET, message, Optional.of(f));
    }

    /**
     * The final success object: exactly {@code bitVersion, enhancedHostSupport, gamename, handover, maxClients,
     * netlibVersion, onesync, onesync_big, onesync_lh, onesync_population, protocol, pure, sH, token} (sorted on
     * output). Handover values are JSON texts; each is parsed (after UTF-8 repair) and dropped if it is not JSON.
     */
    public static Map<String, Object> successObject(InitConnectConfig config, String gameName, String token,
                                                    Map<String, String> handover) {
        Map<String, Object> data = FxJson.object();
        data.put("protocol", RESPONSE_PROTOCOL);
        data.put("bitVersion", config.bitVersion());
        data.put("pure", config.pureLevel());
        data.put("sH", config.scriptHookAllowed());
        data.put("enhancedHostSupport", config.enhancedHostSupport() && !config.oneSync());
        data.put("onesync", config.oneSync());
        data.put("onesync_big", config.oneSyncBig());
        data.put("onesync_lh", config.oneSyncLengthHack());
        data.put("onesync_population", config.oneSyncPopulation());
        data.put("token", token);
        data.put("gamename", gameName);
        data.put("netlibVersion", NETLIB_VERSION);
        data.put("maxClients", CStrings.atoi(config.maxClients()));
        Map<String, Object> handoverData = FxJson.object();
        if (handover != null) {
            for (Map.Entry<String, String> e : handover.entrySet()) {
                byte[] repaired = CStrings.replaceInvalidUtf8(e.getValue().getBytes(StandardCharsets.UTF_8), false);
                try {
                    handoverData.put(e.getKey(), FxJson.parse(new String(repaired, StandardCharsets.UTF_8)));
                } catch (FivemProtocolException ignored) {
                    // FXServer silently skips handover values that are not JSON
                }
            }
        }
        data.put("handover", handoverData);
        return data;
    }

    /** The final success chunk: the object's JSON followed by {@code \r\n}. */
    public static String successChunk(InitConnectConfig config, String gameName, String token,
                                      Map<String, String> handover) {
        return FxJson.chunk(successObject(config, gameName, token, handover));
    }
}
