package io.gatehouse.fivem.protocol.http;

import java.util.Objects;

/**
 * The server settings initConnect consults, named after their convars.
 *
 * @param settled              {@code GameServer::HasSettled()}; false gives "The server is starting up."
 * @param game                 the hosted game
 * @param lan                  {@code sv_lan}: skips all Cfx ticket checks
 * @param serverId             {@code sv_serverId}, matched against the ticket's {@code si}; empty skips that check
 *                             (FXServer sets it from closed-source code, so its absence is [U])
 * @param enforceGameBuild     {@code sv_enforceGameBuild}; empty disables the build check
 * @param maxClients           {@code sv_maxclients} as its string value ({@code maxClients} is {@code atoi} of it)
 * @param authMinTrust         {@code sv_authMinTrust} (1..5, default 1)
 * @param authMaxVariance      {@code sv_authMaxVariance} (1..5, default 5)
 * @param legacyUtf8NameErrors reproduce utfcpp 2.x, where a name ending mid-sequence fails with "Parsing name
 *                             failed." instead of being repaired (which utfcpp 3.x does); which one FXServer ships is [U]
 */
public record InitConnectConfig(
        boolean settled,
        GameName game,
        boolean lan,
        String serverId,
        String enforceGameBuild,
        String maxClients,
        int pureLevel,
        boolean scriptHookAllowed,
        boolean enhancedHostSupport,
        boolean oneSync,
        boolean oneSyncBig,
        boolean oneSyncLengthHack,
        boolean oneSyncPopulation,
        long bitVersion,
        int authMinTrust,
        int authMaxVariance,
        boolean legacyUtf8NameErrors) {

    public InitConnectConfig {
        Objects.requireNonNull(game, "game");
        serverId = serverId == null ? "" : serverId;
        enforceGameBuild = enforceGameBuild == null ? "" : enforceGameBuild;
        Objects.requireNonNull(maxClients, "maxClients");
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        Builder b = new Builder();
        b.settled = settled;
        b.game = game;
        b.lan = lan;
        b.serverId = serverId;
        b.enforceGameBuild = enforceGameBuild;
        b.maxClients = maxClients;
        b.pureLevel = pureLevel;
        b.scriptHookAllowed = scriptHookAllowed;
        b.enhancedHostSupport = enhancedHostSupport;
        b.oneSync = oneSync;
        b.oneSyncBig = oneSyncBig;
        b.oneSyncLengthHack = oneSyncLengthHack;
        b.oneSyncPopulation = oneSyncPopulation;
        b.bitVersion = bitVersion;
        b.authMinTrust = authMinTrust;
        b.authMaxVariance = authMaxVariance;
        b.legacyUtf8NameErrors = legacyUtf8NameErrors;
        return b;
    }

    /** Defaults: settled GTA5, not LAN, OneSync on (big, length hack, population), 48 slots, FXServer's trust defaults. */
    public static final class Builder {
        private boolean settled = true;
        private GameName game = GameName.GTA5;
        private boolean lan;
        private String serverId = "";
        private String enforceGameBuild = "";
        private String maxClients = "48";
        private int pureLevel;
        private boolean scriptHookAllowed;
        private boolean enhancedHostSupport;
        private boolean oneSync = true;
        private boolean oneSyncBig = true;
        private boolean oneSyncLengthHack = true;
        private boolean oneSyncPopulation = true;
        private long bitVersion = NetBitVersion.V5;
        private int authMinTrust = 1;
        private int authMaxVariance = 5;
        private boolean legacyUtf8NameErrors;

        public Builder settled(boolean v) { settled = v; return this; }
        public Builder game(GameName v) { game = v; return this; }
        public Builder lan(boolean v) { lan = v; return this; }
        public Builder serverId(String v) { serverId = v; return this; }
        public Builder enforceGameBuild(String v) { enforceGameBuild = v; return this; }
        public Builder maxClients(String v) { maxClients = v; return this; }
        public Builder maxClients(int v) { maxClients = Integer.toString(v); return this; }
        public Builder pureLevel(int v) { pureLevel = v; return this; }
        public Builder scriptHookAllowed(boolean v) { scriptHookAllowed = v; return this; }
        public Builder enhancedHostSupport(boolean v) { enhancedHostSupport = v; return this; }
        public Builder oneSync(boolean v) { oneSync = v; return this; }
        public Builder oneSyncBig(boolean v) { oneSyncBig = v; return this; }
        public Builder oneSyncLengthHack(boolean v) { oneSyncLengthHack = v; return this; }
        public Builder oneSyncPopulation(boolean v) { oneSyncPopulation = v; return this; }
        public Builder bitVersion(long v) { bitVersion = v; return this; }
        public Builder authMinTrust(int v) { authMinTrust = v; return this; }
        public Builder authMaxVariance(int v) { authMaxVariance = v; return this; }
        public Builder legacyUtf8NameErrors(boolean v) { legacyUtf8NameErrors = v; return this; }

        public InitConnectConfig build() {
            return new InitConnectConfig(settled, game, lan, serverId, enforceGameBuild, maxClients, pureLevel,
                    scriptHookAllowed, enhancedHostSupport, oneSync, oneSyncBig, oneSyncLengthHack, oneSyncPopulation,
                    bitVersion, authMinTrust, authMaxVariance, legacyUtf8NameErrors);
        }
    }
}
