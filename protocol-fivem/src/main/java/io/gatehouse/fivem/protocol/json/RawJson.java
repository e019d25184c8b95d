package io.gatehouse.fivem.protocol.json;

import java.util.Objects;

/** Already-serialised JSON text that {@link FxJson} copies verbatim (e.g. a cached sub-document). */
public record RawJson(String json) {
    public RawJson {
        Objects.requireNonNull(json, "json");
    }
}
