package io.gatehouse.fivem.protocol.oob;

import java.util.Objects;

/**
 * What getinfo, dynamic.json and the OOB status need to know about the server.
 *
 * @param maxClients  the {@code sv_maxclients} convar as its string value (FXServer echoes the string)
 * @param clients     clients that received a final net ID
 * @param infoVersion {@code sv_infoVersion}, the info.json {@code version} as a decimal string
 */
public record InfoSnapshot(String maxClients, int clients, String hostname, String gametype, String mapname,
                           String infoVersion) {

    public InfoSnapshot {
        Objects.requireNonNull(maxClients, "maxClients");
        Objects.requireNonNull(hostname, "hostname");
        Objects.requireNonNull(gametype, "gametype");
        Objects.requireNonNull(mapname, "mapname");
        Objects.requireNonNull(infoVersion, "infoVersion");
    }

    public static InfoSnapshot of(int maxClients, int clients, String hostname, String gametype, String mapname,
                                  long infoVersion) {
        return new InfoSnapshot(Integer.toString(maxClients), clients, hostname, gametype, mapname,
                Long.toString(infoVersion));
    }
}
