package io.gatehouse.fivem.protocol.json;

import java.util.LinkedHashMap;

/**
 * A JSON object whose keys are written in insertion order. FXServer's nlohmann objects are {@code std::map}s
 * (sorted), but a few handlers build rapidjson documents, which keep insertion order; use this for those.
 */
public final class OrderedJsonObject extends LinkedHashMap<String, Object> {

    private static final long serialVersionUID = 1L;

    public OrderedJsonObject with(String key, Object value) {
        put(key, value);
        return this;
    }
}
