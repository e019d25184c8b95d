package io.gatehouse.fivem.protocol.http;

import io.gatehouse.fivem.protocol.json.FxJson;
import io.gatehouse.fivem.protocol.json.OrderedJsonObject;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * {@code method=getConfiguration} (plain HTTP to the server endpoint, header {@code X-CitizenFX-Token}). The response
 * is built with rapidjson, so keys keep insertion order: {@code fileServer, resources}; per resource
 * {@code name, files, streamFiles[, fileServer]}; per stream file {@code hash, rscFlags, rscVersion, size
 * [, rscPagesVirtual, rscPagesPhysical][, e]} (order as in the reference; [I]).
 */
public final class GetConfiguration {

    public static final String NOT_A_VALID_CLIENT = "Not a valid client.";
    public static final String STILL_CONNECTING = "Client is still connecting.";
    public static final String RATE_LIMITED = "Rate limit exceeded.";
    /** The client rewrites {@code %s} to its server endpoint. */
    public static final String DEFAULT_FILE_SERVER = "https://%s/files";
    /** {@code fx::TokenRateLimiter(1.0, 3.0)}: 1 request/s, burst 3, per token. */
    public static final double RATE_PER_SECOND = 1.0;
    public static final double RATE_BURST = 3.0;

    private GetConfiguration() {
    }

    public static String notAValidClient() {
        return DeferralChunks.error(NOT_A_VALID_CLIENT);
    }

    public static String stillConnecting() {
        return DeferralChunks.error(STILL_CONNECTING);
    }

    public static String rateLimited() {
        return DeferralChunks.error(RATE_LIMITED);
    }

    /** The {@code resources} filter: names separated by {@code ;} (an empty set means no filter). */
    public static Set<String> parseResourceFilter(Optional<String> resourcesField) {
        Set<String> out = new LinkedHashSet<>();
        resourcesField.ifPresent(v -> {
            for (String s : v.split(";", -1)) {
                out.add(s);
            }
        });
        return out;
    }

    public record StreamFile(String hash, long rscFlags, long rscVersion, long size, Optional<Long> rscPagesVirtual,
                             Optional<Long> rscPagesPhysical, Optional<Boolean> encrypted) {
        public StreamFile {
            Objects.requireNonNull(hash, "hash");
            rscPagesVirtual = rscPagesVirtual == null ? Optional.empty() : rscPagesVirtual;
            rscPagesPhysical = rscPagesPhysical == null ? Optional.empty() : rscPagesPhysical;
            encrypted = encrypted == null ? Optional.empty() : encrypted;
        }

        OrderedJsonObject toJson() {
            OrderedJsonObject o = new OrderedJsonObject().with("hash", hash).with("rscFlags", rscFlags)
                    .with("rscVersion", rscVersion).with("size", size);
            rscPagesVirtual.ifPresent(v -> o.put("rscPagesVirtual", v));
            rscPagesPhysical.ifPresent(v -> o.put("rscPagesPhysical", v));
            encrypted.ifPresent(v -> o.put("e", v));
            return o;
        }
    }

    /**
     * @param files       file name to SHA-1 hex ({@code resource.rpf} first), in the order to emit
     * @param streamFiles stream file name to its entry, in the order to emit
     * @param fileServer  a per-resource file server override ({@code fileserver_add})
     */
    public record Resource(String name, Map<String, String> files, Map<String, StreamFile> streamFiles,
                           Optional<String> fileServer) {
        public Resource {
            Objects.requireNonNull(name, "name");
            files = new LinkedHashMap<>(files);
            streamFiles = new LinkedHashMap<>(streamFiles);
            fileServer = fileServer == null ? Optional.empty() : fileServer;
        }
    }

    /** The response chunk for the selected resources (already filtered and ordered by the caller). */
    public static String response(String fileServer, List<Resource> resources) {
        List<Object> list = new ArrayList<>();
        for (Resource r : resources) {
            OrderedJsonObject files = new OrderedJsonObject();
            files.putAll(r.files());
            OrderedJsonObject stream = new OrderedJsonObject();
            r.streamFiles().forEach((k, v) -> stream.put(k, v.toJson()));
            OrderedJsonObject o = new OrderedJsonObject().with("name", r.name()).with("files", files)
                    .with("streamFiles", stream);
            r.fileServer().ifPresent(fs -> o.put("fileServer", fs));
            list.add(o);
        }
        return FxJson.chunk(new OrderedJsonObject().with("fileServer", fileServer).with("resources", list));
    }
}
