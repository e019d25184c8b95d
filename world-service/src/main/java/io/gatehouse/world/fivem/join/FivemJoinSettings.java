package io.gatehouse.world.fivem.join;

import java.util.Map;
import java.util.Objects;

/**
 * What the FiveM join sequence depends on.
 *
 * @param bigMode           OneSync big mode ({@code gatehouse.registry.big-mode}, shared with the registry): connectOK
 *                          carries the constant slot, msgObjectIds 4/6 IDs, no roster introductions
 * @param gameName          {@code gamename}: the big-mode connectOK slot is 16 for {@code rdr3}, else 128
 * @param replicatedConVars {@code msgConVars} content: the convars FXServer marks {@code ConVar_Replicated}
 */
public record FivemJoinSettings(boolean bigMode, String gameName, Map<String, String> replicatedConVars) {

    public FivemJoinSettings {
        Objects.requireNonNull(gameName, "gameName");
        replicatedConVars = Map.copyOf(replicatedConVars);
    }

    /** The slot a big-mode connectOK reports (FXServer: 128 for GTA5, 16 for RDR3). */
    public int bigModeSlot() {
        return "rdr3".equalsIgnoreCase(gameName) ? 16 : 128;
    }
}
