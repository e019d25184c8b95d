package io.gatehouse.auth.fivem.admission;

import io.gatehouse.auth.fivem.FivemAuthProperties;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Allow and deny lists by identifier ({@code gatehouse.fivem.admission.allow} / {@code .deny}): a player with a denied
 * identifier is refused; when the allow list is non-empty a player needs one of its identifiers. Identifiers compare
 * case-insensitively (hex digests may be written either way).
 */
public final class IdentifierListHook implements AdmissionHook {

    private final FivemAuthProperties properties;

    public IdentifierListHook(FivemAuthProperties properties) {
        this.properties = properties;
    }

    @Override
    public String description() {
        return "access";
    }

    @Override
    public CompletionStage<AdmissionVerdict> admit(ConnectingPlayer player, Deferral deferral) {
        FivemAuthProperties.Admission a = properties.getAdmission();
        Set<String> ids = normalise(player.identifiers());
        if (!java.util.Collections.disjoint(ids, normalise(a.getDeny()))) {
            return CompletableFuture.completedFuture(AdmissionVerdict.reject(a.getDenyMessage()));
        }
        if (!a.getAllow().isEmpty() && java.util.Collections.disjoint(ids, normalise(a.getAllow()))) {
            return CompletableFuture.completedFuture(AdmissionVerdict.reject(a.getNotAllowedMessage()));
        }
        return CompletableFuture.completedFuture(AdmissionVerdict.accept());
    }

    private static Set<String> normalise(List<String> ids) {
        Set<String> out = new HashSet<>();
        for (String id : ids) {
            if (id != null && !id.isBlank()) {
                out.add(id.trim().toLowerCase(Locale.ROOT));
            }
        }
        return out;
    }
}
