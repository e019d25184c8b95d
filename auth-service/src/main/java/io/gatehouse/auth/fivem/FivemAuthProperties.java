package io.gatehouse.auth.fivem;

import io.gatehouse.support.fivem.FivemSettings;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * What the auth service reads of {@code gatehouse.fivem.*}: the keys shared with the gateway and the world service
 * ({@link FivemSettings}) plus its own below. Convar names as in docs/configuration.md. Read at call time, so tests
 * and operators can change admission settings without a restart.
 */
@ConfigurationProperties("gatehouse.fivem")
public class FivemAuthProperties extends FivemSettings {

    /** {@code onesync_population}. */
    private boolean onesyncPopulation = true;

    private final Ticket ticket = new Ticket();
    private final Admission admission = new Admission();
    private final Control control = new Control();

    public boolean isOnesyncPopulation() { return onesyncPopulation; }
    public void setOnesyncPopulation(boolean onesyncPopulation) { this.onesyncPopulation = onesyncPopulation; }
    public Ticket getTicket() { return ticket; }
    public Admission getAdmission() { return admission; }
    public Control getControl() { return control; }

    /** The Cfx ticket public key. */
    public static class Ticket {
        /** FXServer's {@code CNL_ENDPOINT} + {@code api/ticket/pubkey}. */
        public static final String DEFAULT_PUBLIC_KEY_URL = "https://lambda.fivem.net/api/ticket/pubkey";

        /** Base64 DER PKCS#1 RSAPublicKey; when set, no fetching happens. */
        private String publicKey;
        /** Where {@code {"key":"<base64 PKCS#1>"}} is fetched from when {@code public-key} is unset. */
        private String publicKeyUrl;
        /** A cached key may be dropped for a refetch after a bad signature only when older than this (FXServer: 5 min). */
        private Duration refreshMinAge = Duration.ofMinutes(5);
        /** Timeout of one key fetch. */
        private Duration fetchTimeout = Duration.ofSeconds(5);

        public String getPublicKey() { return publicKey; }
        public void setPublicKey(String publicKey) { this.publicKey = publicKey; }
        public String getPublicKeyUrl() { return publicKeyUrl; }
        public void setPublicKeyUrl(String publicKeyUrl) { this.publicKeyUrl = publicKeyUrl; }
        public Duration getRefreshMinAge() { return refreshMinAge; }
        public void setRefreshMinAge(Duration refreshMinAge) { this.refreshMinAge = refreshMinAge; }
        public Duration getFetchTimeout() { return fetchTimeout; }
        public void setFetchTimeout(Duration fetchTimeout) { this.fetchTimeout = fetchTimeout; }
    }

    /** The admission hooks that run as {@code playerConnecting} handlers, in this order: max-clients, lists, webhook. */
    public static class Admission {
        /** hardcap's check: refuse when connected players >= max-clients. */
        private boolean maxClientsEnabled = true;
        /** When non-empty, only players with one of these identifiers ({@code license:...}, {@code ip:...}) may join. */
        private List<String> allow = new ArrayList<>();
        /** Players with any of these identifiers are refused with {@link #denyMessage}. */
        private List<String> deny = new ArrayList<>();
        private String denyMessage = "You are not allowed to join this server.";
        private String notAllowedMessage = "You are not on this server's allow list.";
        private final Webhook webhook = new Webhook();

        public boolean isMaxClientsEnabled() { return maxClientsEnabled; }
        public void setMaxClientsEnabled(boolean maxClientsEnabled) { this.maxClientsEnabled = maxClientsEnabled; }
        public List<String> getAllow() { return allow; }
        public void setAllow(List<String> allow) { this.allow = allow; }
        public List<String> getDeny() { return deny; }
        public void setDeny(List<String> deny) { this.deny = deny; }
        public String getDenyMessage() { return denyMessage; }
        public void setDenyMessage(String denyMessage) { this.denyMessage = denyMessage; }
        public String getNotAllowedMessage() { return notAllowedMessage; }
        public void setNotAllowedMessage(String notAllowedMessage) { this.notAllowedMessage = notAllowedMessage; }
        public Webhook getWebhook() { return webhook; }
    }

    /**
     * An operator's HTTP endpoint deciding admissions. It receives
     * {@code {"name","guid","identifiers":[..],"ip","attempt"[,"cardResponse"]}} and answers
     * {@code {"action":"accept"}}, {@code {"action":"reject","reason":..}}, {@code {"action":"defer","message":..}}
     * (asked again after {@link #pollInterval}) or {@code {"action":"card","card":..}} (asked again with the
     * player's {@code cardResponse}).
     */
    public static class Webhook {
        /** Unset disables the hook. */
        private String url;
        /** One HTTP exchange. */
        private Duration timeout = Duration.ofSeconds(5);
        /** Between two asks while the webhook defers. */
        private Duration pollInterval = Duration.ofSeconds(1);
        /** The whole admission through the webhook, deferrals included. */
        private Duration maxWait = Duration.ofMinutes(5);
        /** When the webhook fails or times out: accept (true) or refuse with {@link #unavailableMessage}. */
        private boolean failOpen = false;
        private String unavailableMessage = "The admission service is unavailable. Please try again later.";
        /** Shown while the webhook is asked. */
        private String description = "admission";

        public String getUrl() { return url; }
        public void setUrl(String url) { this.url = url; }
        public Duration getTimeout() { return timeout; }
        public void setTimeout(Duration timeout) { this.timeout = timeout; }
        public Duration getPollInterval() { return pollInterval; }
        public void setPollInterval(Duration pollInterval) { this.pollInterval = pollInterval; }
        public Duration getMaxWait() { return maxWait; }
        public void setMaxWait(Duration maxWait) { this.maxWait = maxWait; }
        public boolean isFailOpen() { return failOpen; }
        public void setFailOpen(boolean failOpen) { this.failOpen = failOpen; }
        public String getUnavailableMessage() { return unavailableMessage; }
        public void setUnavailableMessage(String unavailableMessage) { this.unavailableMessage = unavailableMessage; }
        public String getDescription() { return description; }
        public void setDescription(String description) { this.description = description; }
    }

    /** The auth service's own limits on the control plane. */
    public static class Control {
        /** Threads running initConnect checks (ticket verification may wait on the key fetch and the registry). */
        private int workerThreads = 8;
        /** getConfiguration per token: {@code fx::TokenRateLimiter(1.0, 3.0)}. */
        private double configurationRate = 1.0;
        private double configurationBurst = 3.0;

        public int getWorkerThreads() { return workerThreads; }
        public void setWorkerThreads(int workerThreads) { this.workerThreads = workerThreads; }
        public double getConfigurationRate() { return configurationRate; }
        public void setConfigurationRate(double configurationRate) { this.configurationRate = configurationRate; }
        public double getConfigurationBurst() { return configurationBurst; }
        public void setConfigurationBurst(double configurationBurst) { this.configurationBurst = configurationBurst; }
    }
}
