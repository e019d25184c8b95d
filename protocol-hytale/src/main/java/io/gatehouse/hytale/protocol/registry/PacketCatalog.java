package io.gatehouse.hytale.protocol.registry;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Every packet id of one protocol version with its official limits, loaded from a TSV resource transcribed from the
 * decompiled {@code PacketRegistry.java}. It covers packets this module does not model, so frames of any known id get
 * the right size limit and zstd handling even when they are only passed through.
 */
public final class PacketCatalog {

    public static final PacketCatalog V1 = load("packets-v1.tsv");
    public static final PacketCatalog V2_BUILD_20 = load("packets-v2-build20.tsv");

    private final Map<Integer, PacketInfo> byId;

    private PacketCatalog(Map<Integer, PacketInfo> byId) {
        this.byId = Collections.unmodifiableMap(byId);
    }

    public static PacketCatalog of(List<PacketInfo> rows) {
        Map<Integer, PacketInfo> byId = new TreeMap<>();
        for (PacketInfo row : rows) {
            if (byId.putIfAbsent(row.id(), row) != null) {
                throw new IllegalStateException("Duplicate packet id " + row.id() + " in catalogue");
            }
        }
        return new PacketCatalog(byId);
    }

    public static PacketCatalog forVersion(ProtocolVersion version) {
        return version == ProtocolVersion.V1 ? V1 : V2_BUILD_20;
    }

    /** The row for {@code id}, or null if this version has no such packet. */
    public PacketInfo byId(int id) {
        return byId.get(id);
    }

    public List<PacketInfo> all() {
        return List.copyOf(byId.values());
    }

    private static PacketCatalog load(String resource) {
        List<PacketInfo> rows = new ArrayList<>();
        try (InputStream in = PacketCatalog.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("Missing packet catalogue " + resource);
            }
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            String line;
            while ((line = reader.readLine()) != null) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] f = line.split("\t");
                rows.add(new PacketInfo(Integer.parseInt(f[0]), f[1], Direction.valueOf(f[2]), NetworkChannel.valueOf(f[3]),
                        Integer.parseInt(f[4]), Integer.parseInt(f[5]), "Y".equals(f[6])));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return of(rows);
    }
}
