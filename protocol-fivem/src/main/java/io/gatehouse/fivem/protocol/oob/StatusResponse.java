package io.gatehouse.fivem.protocol.oob;

import java.util.List;
import java.util.Map;

/** The {@code statusResponse} OOB reply to getstatus ({@code GetStatusOutOfBand.h}). */
public final class StatusResponse {

    private StatusResponse() {
    }

    /**
     * @param playerNames names of connected clients, or {@code null} when {@code sv_returnClientsListInGetStatus} is
     *                    false
     * @param serverInfo  every ServerInfo convar in the order the variable manager iterates them
     */
    public static byte[] encode(String maxClients, int clients, List<String> playerNames,
                                Map<String, String> serverInfo) {
        return OutOfBand.frame(text(maxClients, clients, playerNames, serverInfo));
    }

    public static String text(String maxClients, int clients, List<String> playerNames,
                              Map<String, String> serverInfo) {
        StringBuilder sb = new StringBuilder("statusResponse\n");
        sb.append("\\sv_maxclients\\").append(maxClients);
        sb.append("\\clients\\").append(clients);
        sb.append('\n');
        if (playerNames != null) {
            for (String name : playerNames) {
                sb.append("0 0 \"").append(name).append("\"\n");
            }
        }
        for (Map.Entry<String, String> e : serverInfo.entrySet()) {
            sb.append('\\').append(e.getKey()).append('\\').append(e.getValue());
        }
        return sb.toString();
    }
}
