package io.gatehouse.world.resources;

import java.nio.file.Path;

/**
 * A file a client may fetch from {@code /files/<resource>/<name>}.
 *
 * @param name  the name in getConfiguration ({@code resource.rpf}, or a stream file's base name)
 * @param path  the bytes on disk (the built packfile in the cache, or the stream file itself)
 * @param size  bytes; the {@code content-length} FXServer sends
 * @param sha1  lower-case hex SHA-1 of the bytes
 */
public record ServedFile(String name, Path path, long size, String sha1) {}
