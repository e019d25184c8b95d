package io.gatehouse.fivem.protocol.http;

import io.gatehouse.fivem.protocol.form.FormData;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One initConnect call.
 *
 * @param form              the decoded POST body
 * @param remoteAddress     the request's remote address as FXServer formats it ({@code ip:port}, or the
 *                          {@code X-Real-IP} value when the peer is a trusted proxy, resolved by the caller)
 * @param externalProviders identity providers that need I/O (Steam...), already run by the caller in FXServer's
 *                          order; they run before the built-in License and EndPoint providers
 */
public record InitConnectRequest(FormData form, String remoteAddress, List<ExternalIdentity> externalProviders) {

    public InitConnectRequest {
        Objects.requireNonNull(form, "form");
        Objects.requireNonNull(remoteAddress, "remoteAddress");
        externalProviders = externalProviders == null ? List.of() : List.copyOf(externalProviders);
    }

    public InitConnectRequest(FormData form, String remoteAddress) {
        this(form, remoteAddress, List.of());
    }

    /**
     * The outcome of one external identity provider.
     *
     * @param prefix     the identifier prefix the provider registers ({@code steam})
     * @param trust      its trust level (Steam: 5)
     * @param variance   its variance level (Steam: 1)
     * @param identifier the identifier it added, if any
     * @param error      its error text, if it failed (sent verbatim as {@code {"error": ...}})
     */
    public record ExternalIdentity(String prefix, int trust, int variance, Optional<String> identifier,
                                   Optional<String> error) {
        public ExternalIdentity {
            Objects.requireNonNull(prefix, "prefix");
            identifier = identifier == null ? Optional.empty() : identifier;
            error = error == null ? Optional.empty() : error;
        }

        public static ExternalIdentity steam(String steamIdentifier) {
            return new ExternalIdentity("steam", 5, 1, Optional.ofNullable(steamIdentifier), Optional.empty());
        }

        public static ExternalIdentity failed(String prefix, int trust, int variance, String error) {
            return new ExternalIdentity(prefix, trust, variance, Optional.empty(), Optional.of(error));
        }
    }
}
