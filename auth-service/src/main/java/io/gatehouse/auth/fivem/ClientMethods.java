package io.gatehouse.auth.fivem;

import io.gatehouse.fivem.protocol.http.DeferralChunks;
import io.gatehouse.fivem.protocol.http.GetConfiguration;
import io.gatehouse.fivem.protocol.http.GetEndpoints;
import io.gatehouse.fivem.protocol.http.SubmitCard;
import io.gatehouse.registry.core.Session;
import io.gatehouse.registry.core.SessionStore;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/**
 * The other {@code /client} methods: {@code getEndpoints} and {@code submitCard} ({@code InitConnectMethod.cpp}) and
 * {@code getConfiguration} ({@code GetConfigurationMethod.cpp}), answered with FXServer's exact documents (without
 * CRLF). Asynchronous throughout; nothing here blocks.
 */
public final class ClientMethods {

    /** Renders the getConfiguration body for the raw {@code resources} field (null = all); the world service. */
    @FunctionalInterface
    public interface ConfigurationSource {
        CompletableFuture<String> configuration(String resourcesField);
    }

    private final SessionStore store;
    private final FivemAuthProperties properties;
    private final CardRouter cards;
    private final TcpSourceIndex sources;
    private final TokenRateLimiter configurationLimiter;
    private final ConfigurationSource configuration;

    public ClientMethods(SessionStore store, FivemAuthProperties properties, CardRouter cards, TcpSourceIndex sources,
                         TokenRateLimiter configurationLimiter, ConfigurationSource configuration) {
        this.store = store;
        this.properties = properties;
        this.cards = cards;
        this.sources = sources;
        this.configurationLimiter = configurationLimiter;
        this.configuration = configuration;
    }

    /** Dispatches on {@code method}; an unknown one gets the dispatcher's {@code invalid method}. */
    public CompletableFuture<String> call(Map<String, String> form, String tokenHeader, String clientAddress) {
        String method = form.getOrDefault("method", "");
        return switch (method) {
            case "getEndpoints" -> getEndpoints(form);
            case "getConfiguration" -> getConfiguration(form, tokenHeader, clientAddress);
            case "submitCard" -> submitCard(form);
            case "" -> CompletableFuture.completedFuture(strip(DeferralChunks.error("missing method")));
            default -> CompletableFuture.completedFuture(strip(DeferralChunks.error("invalid method")));
        };
    }

    public CompletableFuture<String> getEndpoints(Map<String, String> form) {
        String token = form.get("token");
        if (token == null || token.isEmpty()) {
            return CompletableFuture.completedFuture(strip(GetEndpoints.fieldsMissing()));
        }
        String svEndpoints = String.join(" ", properties.getEndpoints());
        return store.findByToken(token).thenApply(s -> strip(s.isEmpty() ? GetEndpoints.unknownToken()
                : GetEndpoints.endpoints(svEndpoints)));
    }

    public CompletableFuture<String> submitCard(Map<String, String> form) {
        String token = form.get("token");
        String data = form.get("data");
        if (token == null || token.isEmpty() || data == null || data.isEmpty()) {
            return CompletableFuture.completedFuture(strip(SubmitCard.fieldsMissing()));
        }
        return store.findByToken(token).thenApply(s -> {
            if (s.isEmpty()) {
                return strip(SubmitCard.noClient());
            }
            cards.submit(token, data);
            return strip(SubmitCard.ok());
        });
    }

    /**
     * By {@code X-CitizenFX-Token}; without the header, by the TCP source address recorded at initConnect. Then:
     * no client, not validated, rate limit (1/s, burst 3 per token), Touch, and the world's resource list.
     */
    public CompletableFuture<String> getConfiguration(Map<String, String> form, String tokenHeader,
                                                      String clientAddress) {
        CompletableFuture<Optional<Resolved>> lookup;
        if (tokenHeader != null && !tokenHeader.isEmpty()) {
            lookup = store.findByToken(tokenHeader).thenApply(s -> s.map(x -> new Resolved(x, tokenHeader)));
        } else {
            Optional<String> candidate = sources.candidate(clientAddress);
            lookup = candidate.isEmpty() ? CompletableFuture.completedFuture(Optional.empty())
                    : store.findByToken(candidate.get()).thenApply(s -> s
                            .filter(x -> x.tcpSourceAddress().equals(clientAddress))
                            .map(x -> new Resolved(x, candidate.get())));
        }
        return lookup.thenCompose(resolved -> {
            if (resolved.isEmpty()) {
                return done(GetConfiguration.notAValidClient());
            }
            Session session = resolved.get().session();
            if (!session.passedValidation()) {
                return done(GetConfiguration.stillConnecting());
            }
            if (!configurationLimiter.tryAcquire(session.key().qualified())) {
                return done(GetConfiguration.rateLimited());
            }
            store.touchByToken(resolved.get().token());
            String resources = form.get("resources");
            return configuration.configuration(resources).thenApply(Function.identity());
        });
    }

    private record Resolved(Session session, String token) {
    }

    private static CompletableFuture<String> done(String chunk) {
        return CompletableFuture.completedFuture(strip(chunk));
    }

    static String strip(String chunk) {
        return InitConnectService.strip(chunk);
    }

    static String utf8(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
