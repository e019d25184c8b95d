package io.gatehouse.world.resources;

import java.nio.file.Path;
import java.util.Map;

/**
 * A resource directory as FXServer sees it.
 *
 * @param name         the directory name
 * @param directory    where it is
 * @param serverOnly   the manifest has a {@code server_only} entry: never listed to clients
 * @param files        the {@code files} map of getConfiguration (FXServer: just {@code resource.rpf}), sorted
 * @param streamFiles  the {@code streamFiles} map, sorted by name (std::map)
 * @param packedFiles  the resource-relative paths inside resource.rpf, for diagnostics
 */
public record FivemResource(String name, Path directory, boolean serverOnly, Map<String, ServedFile> files,
                            Map<String, StreamFile> streamFiles, java.util.List<String> packedFiles) {}
