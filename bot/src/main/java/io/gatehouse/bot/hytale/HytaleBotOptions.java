package io.gatehouse.bot.hytale;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** How one simulated Hytale player joins. Fluent setters; defaults join a local all-in-one node. */
public final class HytaleBotOptions {

    String host = "127.0.0.1";
    int port = 5520;
    boolean insecure;
    List<String> passwords = new ArrayList<>();
    int protocol = 2;
    String sessionService = "http://127.0.0.1:5580";
    String username = "bot";
    UUID uuid;
    Duration timeout = Duration.ofSeconds(60);
    String accessTokenFingerprint;
    BotCertificates.ClientIdentity identity;
    SessionServiceApi.GameSession session;
    int connectAttempts = 3;

    public HytaleBotOptions target(String host, int port) {
        this.host = host;
        this.port = port;
        return this;
    }

    public HytaleBotOptions insecure(boolean insecure) {
        this.insecure = insecure;
        return this;
    }

    /** Answers to password challenges, in order; the last one is repeated. */
    public HytaleBotOptions passwords(String... passwords) {
        this.passwords = new ArrayList<>(List.of(passwords));
        return this;
    }

    public HytaleBotOptions protocol(int protocol) {
        this.protocol = protocol;
        return this;
    }

    public HytaleBotOptions sessionService(String url) {
        this.sessionService = url;
        return this;
    }

    public HytaleBotOptions username(String username) {
        this.username = username;
        return this;
    }

    /** Insecure mode: the uuid sent in Connect (random when unset). Authenticated: the account's uuid. */
    public HytaleBotOptions uuid(UUID uuid) {
        this.uuid = uuid;
        return this;
    }

    public HytaleBotOptions timeout(Duration timeout) {
        this.timeout = timeout;
        return this;
    }

    /** Tests only: bind the access token to this fingerprint instead of the bot's own certificate. */
    public HytaleBotOptions accessTokenFingerprint(String fingerprint) {
        this.accessTokenFingerprint = fingerprint;
        return this;
    }

    /** Use this certificate instead of a fresh one. */
    public HytaleBotOptions identity(BotCertificates.ClientIdentity identity) {
        this.identity = identity;
        return this;
    }

    /** Use this game session instead of logging in to the session service (tokens obtained earlier). */
    public HytaleBotOptions session(SessionServiceApi.GameSession session) {
        this.session = session;
        return this;
    }

    /** QUIC connect attempts on Kwik-internal failures (toolchain.md: 1–4 % of Kwik connects fail). */
    public HytaleBotOptions connectAttempts(int attempts) {
        this.connectAttempts = Math.max(1, attempts);
        return this;
    }

    public String host() {
        return host;
    }

    public int port() {
        return port;
    }
}
