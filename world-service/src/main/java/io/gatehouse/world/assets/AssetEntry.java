package io.gatehouse.world.assets;

import java.nio.file.Path;
import java.util.Objects;

/**
 * One Hytale common asset: the protocol's {@code Asset} struct (64-char lower-case hex SHA-256 + name) plus what the
 * server needs to stream it.
 *
 * @param hash  lower-case hex SHA-256 of the file's bytes
 * @param name  path relative to the assets directory, '/'-separated (e.g. {@code Common/Blocks/stone.png})
 * @param size  bytes
 * @param path  where the bytes are on disk
 */
public record AssetEntry(String hash, String name, long size, Path path) {
    public AssetEntry {
        Objects.requireNonNull(hash, "hash");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(path, "path");
    }
}
