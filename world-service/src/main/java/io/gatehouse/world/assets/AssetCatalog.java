package io.gatehouse.world.assets;

import io.gatehouse.world.io.Digests;
import io.gatehouse.world.io.ReadBufferPool;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystemLoopException;
import java.nio.file.FileVisitOption;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Hytale common assets under one directory, content-addressed by SHA-256.
 *
 * <p>Every regular file under the root is an asset named by its relative path. Files are hashed by streaming
 * through a pooled buffer. A rescan re-hashes only files whose size or modification time changed. A missing or
 * empty root is an empty world, not an error. Symlinks are followed only while they stay inside the root: one
 * pointing outside (or into a loop) is skipped, so a stray link can never publish files the operator did not
 * put there. Hidden entries (a path segment starting with '.') are skipped, like editors' and OS droppings.
 *
 * <p>Thread-safe: readers see an immutable snapshot; {@link #rescan()} swaps it atomically.
 */
public final class AssetCatalog {

    /** {@code Asset.name} is a VarString of at most 512 UTF-8 bytes. */
    public static final int MAX_NAME_BYTES = 512;

    private static final Logger log = LoggerFactory.getLogger(AssetCatalog.class);

    private final Path root;
    private final ReadBufferPool pool;
    private volatile Snapshot snapshot = Snapshot.EMPTY;

    public AssetCatalog(Path root, ReadBufferPool pool) {
        this.root = root.toAbsolutePath().normalize();
        this.pool = pool;
    }

    public AssetCatalog(Path root) {
        this(root, ReadBufferPool.defaultPool());
    }

    public Path root() {
        return root;
    }

    /** The assets for {@code WorldSettings.requiredAssets}, sorted by name. */
    public List<AssetEntry> requiredAssets() {
        return snapshot.sorted;
    }

    /** Content-addressed lookup (hash case-insensitive). With duplicate content under two names, the first by name. */
    public Optional<AssetEntry> byHash(String hash) {
        if (hash == null) {
            return Optional.empty();
        }
        return Optional.ofNullable(snapshot.byHash.get(hash.toLowerCase(java.util.Locale.ROOT)));
    }

    public int size() {
        return snapshot.sorted.size();
    }

    /** Re-reads the directory; unchanged files keep their hash without being read again. Returns the asset count. */
    public synchronized int rescan() {
        Snapshot previous = snapshot;
        Map<String, Cached> previousByName = previous.cache;
        List<AssetEntry> entries = new ArrayList<>();
        Map<String, Cached> cache = new HashMap<>();
        if (Files.isDirectory(root)) {
            Path realRoot;
            try {
                realRoot = root.toRealPath();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot resolve assets directory " + root, e);
            }
            try {
                Files.walkFileTree(root, EnumSet.of(FileVisitOption.FOLLOW_LINKS), Integer.MAX_VALUE,
                        new Visitor(realRoot, previousByName, entries, cache));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot scan assets directory " + root, e);
            }
        } else {
            log.info("assets directory {} does not exist: serving an empty world", root);
        }
        entries.sort(Comparator.comparing(AssetEntry::name));
        Map<String, AssetEntry> byHash = new LinkedHashMap<>();
        for (AssetEntry entry : entries) {
            byHash.putIfAbsent(entry.hash(), entry);
        }
        snapshot = new Snapshot(Collections.unmodifiableList(entries), Collections.unmodifiableMap(byHash), cache);
        return entries.size();
    }

    private final class Visitor extends SimpleFileVisitor<Path> {
        private final Path realRoot;
        private final Map<String, Cached> previous;
        private final List<AssetEntry> entries;
        private final Map<String, Cached> cache;

        Visitor(Path realRoot, Map<String, Cached> previous, List<AssetEntry> entries, Map<String, Cached> cache) {
            this.realRoot = realRoot;
            this.previous = previous;
            this.entries = entries;
            this.cache = cache;
        }

        @Override
        public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
            if (dir.equals(root)) {
                return FileVisitResult.CONTINUE;
            }
            if (isHidden(dir) || !insideRoot(dir)) {
                return FileVisitResult.SKIP_SUBTREE;
            }
            return FileVisitResult.CONTINUE;
        }

        @Override
        public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
            if (!attrs.isRegularFile() || isHidden(file) || !insideRoot(file)) {
                return FileVisitResult.CONTINUE;
            }
            String name = nameOf(file);
            if (name.getBytes(StandardCharsets.UTF_8).length > MAX_NAME_BYTES) {
                log.warn("skipping asset {}: name longer than {} bytes", name, MAX_NAME_BYTES);
                return FileVisitResult.CONTINUE;
            }
            FileTime modified = attrs.lastModifiedTime();
            long size = attrs.size();
            Cached known = previous.get(name);
            String hash;
            if (known != null && known.size == size && known.modified.equals(modified)) {
                hash = known.hash;
            } else {
                try {
                    hash = Digests.hashFile(file, Digests.SHA_256, pool);
                } catch (NoSuchFileException e) {
                    return FileVisitResult.CONTINUE; // deleted while scanning
                }
            }
            cache.put(name, new Cached(hash, size, modified));
            entries.add(new AssetEntry(hash, name, size, file));
            return FileVisitResult.CONTINUE;
        }

        @Override
        public FileVisitResult visitFileFailed(Path file, IOException e) {
            // a symlink loop or an unreadable entry must not hide the rest of the world
            if (e instanceof FileSystemLoopException) {
                log.warn("skipping symlink loop at {}", file);
            } else {
                log.warn("skipping unreadable asset path {}: {}", file, e.toString());
            }
            return FileVisitResult.CONTINUE;
        }

        private boolean insideRoot(Path path) throws IOException {
            if (!Files.isSymbolicLink(path) && !anyParentIsLink(path)) {
                return true;
            }
            Path real = path.toRealPath();
            if (!real.startsWith(realRoot)) {
                log.warn("skipping {}: symlink escapes the assets directory", path);
                return false;
            }
            return true;
        }

        private boolean anyParentIsLink(Path path) {
            for (Path p = path.getParent(); p != null && !p.equals(root); p = p.getParent()) {
                if (Files.isSymbolicLink(p)) {
                    return true;
                }
            }
            return false;
        }

        private boolean isHidden(Path path) {
            Path name = path.getFileName();
            return name != null && name.toString().startsWith(".");
        }

        private String nameOf(Path file) {
            Path relative = root.relativize(file);
            StringBuilder name = new StringBuilder();
            for (Path segment : relative) {
                if (name.length() > 0) {
                    name.append('/');
                }
                name.append(segment);
            }
            return name.toString();
        }
    }

    private record Cached(String hash, long size, FileTime modified) {}

    private record Snapshot(List<AssetEntry> sorted, Map<String, AssetEntry> byHash, Map<String, Cached> cache) {
        static final Snapshot EMPTY = new Snapshot(List.of(), Map.of(), Map.of());
    }
}
