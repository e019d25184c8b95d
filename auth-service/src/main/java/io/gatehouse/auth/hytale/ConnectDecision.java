package io.gatehouse.auth.hytale;

/** What the gateway answers to Connect. */
public sealed interface ConnectDecision {

    /**
     * Authenticated mode: send AuthGrant(11) with these two strings and wait for AuthToken (state
     * AWAITING_AUTH_TOKEN). {@code player} is what the identity token proved.
     */
    record SendAuthGrant(String authorizationGrant, String serverIdentityToken,
                         HytaleTokenVerifier.IdentityClaims player) implements ConnectDecision {
        @Override
        public String toString() {
            return "SendAuthGrant[player=" + player.uuid() + "]";
        }
    }

    /**
     * Insecure mode: send ConnectAccept(14) with this challenge (null when no password is set); with a challenge,
     * wait for PasswordResponse, else continue to setup.
     */
    record AcceptInsecure(byte[] passwordChallenge) implements ConnectDecision {
    }

    /** Send Disconnect(reason) and close. */
    record Refuse(String disconnectReason) implements ConnectDecision {
    }
}
