package io.gatehouse.auth.hytale;

import java.util.UUID;

/** What the gateway answers to AuthToken. */
public sealed interface AuthTokenDecision {

    /**
     * Send ServerAuthToken(13) with the server access token and the challenge (null when no password is set).
     * With a challenge wait for PasswordResponse, else the player ({@code uuid}, {@code username}) is authenticated.
     */
    record SendServerAuthToken(String serverAccessToken, byte[] passwordChallenge, UUID uuid, String username)
        implements AuthTokenDecision {
        @Override
        public String toString() {
            return "SendServerAuthToken[uuid=" + uuid + ", username=" + username
                + ", passwordChallenge=" + (passwordChallenge != null) + "]";
        }
    }

    /** Send Disconnect(reason) and close. */
    record Refuse(String disconnectReason) implements AuthTokenDecision {
    }
}
