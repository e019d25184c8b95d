package io.gatehouse.world.resources;

import io.gatehouse.world.io.Digests;
import io.gatehouse.world.io.ReadBufferPool;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystems;
import java.nio.file.FileVisitOption;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The FiveM resources under one directory, with what getConfiguration lists and /files serves.
 *
 * <p>FXServer semantics kept: a resource is a directory holding {@code fxmanifest.lua} (preferred) or
 * {@code __resource.lua}; directories named {@code [category]} are scanned recursively; the client gets one
 * {@code resource.rpf} packed from the manifest plus its {@code file}, {@code client_script},
 * {@code shared_script} and {@code map} globs (minus {@code stream/*.y*} except {@code .ytyp}), byte-identical to
 * FXServer's packfile (see {@link RpfWriter}); {@code stream/} files are listed as streamFiles with their RSC
 * header values; resources with a {@code server_only} entry are not listed.
 *
 * <p>Simplified: manifests are read declaratively ({@link FxManifest}); "started" means "present" and the start
 * order is by name, since there is no server.cfg; {@code @other/file} references, per-resource
 * {@code fileserver_add} overrides and FXServer's closed-source /files filters (obfuscation) are not supported.
 *
 * <p>Packfiles are built into a cache directory (written aside, then moved into place so a download in progress
 * keeps its inode) and rebuilt only when an input's size or modification time changed. Thread-safe: readers see
 * an immutable snapshot.
 */
public final class ResourceCatalog implements AutoCloseable {

    public static final String RESOURCE_RPF = "resource.rpf";
    /** {@code fileServer} as FXServer writes it; the client substitutes its server endpoint for {@code %s}. */
    public static final String FILE_SERVER = "https://%s/files";

    private static final Logger log = LoggerFactory.getLogger(ResourceCatalog.class);
    private static final int MAX_MANIFEST_BYTES = 1 << 20;

    private final Path root;
    private final Path cacheDir;
    private final boolean ownsCacheDir;
    private final ReadBufferPool pool;
    private final AtomicLong buildCounter = new AtomicLong();
    private volatile Snapshot snapshot = Snapshot.EMPTY;
    // previous builds and hashes, reused while inputs are unchanged
    private final Map<String, Built> builds = new HashMap<>();
    private final Map<Path, Hashed> hashes = new HashMap<>();

    /**
     * @param cacheDir where packfiles are built; null uses a fresh temporary directory removed by {@link #close()}
     */
    public ResourceCatalog(Path root, Path cacheDir, ReadBufferPool pool) {
        this.root = root.toAbsolutePath().normalize();
        this.pool = pool;
        try {
            if (cacheDir == null) {
                this.cacheDir = Files.createTempDirectory("gatehouse-fivem-cache");
                this.ownsCacheDir = true;
            } else {
                this.cacheDir = Files.createDirectories(cacheDir.toAbsolutePath().normalize());
                this.ownsCacheDir = false;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create resource cache directory", e);
        }
    }

    public Path root() {
        return root;
    }

    public Path cacheDir() {
        return cacheDir;
    }

    /** Every resource found, server-only ones included, in start order (by name). */
    public List<FivemResource> resources() {
        return snapshot.ordered;
    }

    public Optional<FivemResource> resource(String name) {
        return Optional.ofNullable(snapshot.byName.get(name));
    }

    /** Re-reads the directory, rebuilding packfiles whose inputs changed. Returns the resource count. */
    public synchronized int rescan() {
        Map<String, Path> found = new TreeMap<>(Utf8Order.COMPARATOR);
        if (Files.isDirectory(root)) {
            try {
                findResources(root, found);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot scan resources directory " + root, e);
            }
        } else {
            log.info("resources directory {} does not exist: no FiveM resources", root);
        }
        List<FivemResource> ordered = new ArrayList<>();
        Set<Path> hashedNow = new java.util.HashSet<>();
        for (Map.Entry<String, Path> e : found.entrySet()) {
            try {
                ordered.add(load(e.getKey(), e.getValue(), hashedNow));
            } catch (IOException | RuntimeException ex) {
                log.warn("skipping resource {}: {}", e.getKey(), ex.toString());
            }
        }
        builds.keySet().retainAll(found.keySet());
        hashes.keySet().retainAll(hashedNow);
        Map<String, FivemResource> byName = new LinkedHashMap<>();
        ordered.forEach(r -> byName.put(r.name(), r));
        snapshot = new Snapshot(Collections.unmodifiableList(ordered), Collections.unmodifiableMap(byName));
        return ordered.size();
    }

    /**
     * The body of FXServer's getConfiguration answer (without the trailing CRLF), exactly as FXServer writes it.
     *
     * @param resourcesParam the raw {@code resources} form field, or null when absent; FXServer splits it on ';'
     *                       and stops at the first empty name; an empty filter means every resource
     */
    public String configurationJson(String resourcesParam) {
        Set<String> filters = parseFilter(resourcesParam);
        StringBuilder out = new StringBuilder(256);
        out.append("{\"fileServer\":");
        FxJson.string(out, FILE_SERVER);
        out.append(",\"resources\":[");
        boolean first = true;
        for (FivemResource resource : snapshot.ordered) {
            if (!filters.isEmpty() && !filters.contains(resource.name())) {
                continue;
            }
            if (resource.serverOnly()) {
                continue;
            }
            if (!first) {
                out.append(',');
            }
            first = false;
            appendResource(out, resource);
        }
        out.append("]}");
        return out.toString();
    }

    /** Resources a configuration answer lists for this filter (for metrics and the gRPC response). */
    public int configurationCount(String resourcesParam) {
        Set<String> filters = parseFilter(resourcesParam);
        int n = 0;
        for (FivemResource resource : snapshot.ordered) {
            if (!resource.serverOnly() && (filters.isEmpty() || filters.contains(resource.name()))) {
                n++;
            }
        }
        return n;
    }

    /** FXServer's /files lookup: the set files first, then the stream files, by exact name. */
    public FileLookup lookup(String resourceName, String fileName) {
        FivemResource resource = snapshot.byName.get(resourceName);
        if (resource == null) {
            return new FileLookup.MissingResource(resourceName);
        }
        ServedFile file = resource.files().get(fileName);
        if (file == null) {
            StreamFile stream = resource.streamFiles().get(fileName);
            file = stream == null ? null : stream.file();
        }
        return file == null ? new FileLookup.MissingFile(resourceName, fileName) : new FileLookup.Found(file);
    }

    @Override
    public void close() {
        if (!ownsCacheDir) {
            return;
        }
        try (Stream<Path> walk = Files.walk(cacheDir)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            log.debug("could not remove {}: {}", cacheDir, e.toString());
        }
    }

    // ---------------------------------------------------------------------------------------------------------

    private static Set<String> parseFilter(String value) {
        Set<String> filters = new LinkedHashSet<>();
        if (value == null) {
            return filters;
        }
        for (String name : value.split(";", -1)) {
            if (name.isEmpty()) {
                break; // FXServer stops inserting at the first empty value
            }
            filters.add(name);
        }
        return filters;
    }

    private static void appendResource(StringBuilder out, FivemResource resource) {
        out.append("{\"name\":");
        FxJson.string(out, resource.name());
        out.append(",\"files\":{");
        boolean first = true;
        for (ServedFile file : resource.files().values()) {
            if (!first) {
                out.append(',');
            }
            first = false;
            FxJson.string(out, file.name());
            out.append(':');
            FxJson.string(out, file.sha1());
        }
        out.append("},\"streamFiles\":{");
        first = true;
        for (StreamFile stream : resource.streamFiles().values()) {
            if (!first) {
                out.append(',');
            }
            first = false;
            FxJson.string(out, stream.file().name());
            out.append(":{\"hash\":");
            FxJson.string(out, stream.file().sha1());
            out.append(",\"rscFlags\":").append(stream.rscFlags());
            out.append(",\"rscVersion\":").append(stream.rscVersion());
            out.append(",\"size\":").append(stream.file().size());
            if (stream.isResource()) {
                out.append(",\"rscPagesVirtual\":").append(stream.rscPagesVirtual());
                out.append(",\"rscPagesPhysical\":").append(stream.rscPagesPhysical());
            }
            out.append('}');
        }
        out.append("}}");
    }

    private void findResources(Path dir, Map<String, Path> found) throws IOException {
        List<Path> children = new ArrayList<>();
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(dir)) {
            stream.forEach(children::add);
        }
        children.sort(Comparator.comparing(p -> p.getFileName().toString(), Utf8Order.COMPARATOR));
        for (Path child : children) {
            String name = child.getFileName().toString();
            if (name.startsWith(".") || !Files.isDirectory(child) || !insideRoot(child, root)) {
                continue;
            }
            if (name.startsWith("[") && name.endsWith("]")) {
                findResources(child, found);
            } else if (Files.isRegularFile(child.resolve("fxmanifest.lua"))
                    || Files.isRegularFile(child.resolve("__resource.lua"))) {
                if (found.putIfAbsent(name, child) != null) {
                    log.warn("duplicate resource {} at {} ignored", name, child);
                }
            }
        }
    }

    private FivemResource load(String name, Path dir, Set<Path> hashedNow) throws IOException {
        boolean cfxV2 = Files.isRegularFile(dir.resolve("fxmanifest.lua"));
        String manifestName = cfxV2 ? "fxmanifest.lua" : "__resource.lua";
        FxManifest manifest = FxManifest.parse(readManifest(dir.resolve(manifestName)));
        boolean serverOnly = manifest.has("server_only");

        List<String> packed = packedFiles(dir, manifest, manifestName);
        List<RpfWriter.Input> inputs = new ArrayList<>();
        List<String> fingerprint = new ArrayList<>();
        for (String relative : packed) {
            Path source = dir.resolve(relative);
            BasicFileAttributes attrs = Files.readAttributes(source, BasicFileAttributes.class);
            inputs.add(new RpfWriter.Input(relative, source, attrs.size()));
            fingerprint.add(relative + '\0' + attrs.size() + '\0' + attrs.lastModifiedTime().toMillis());
        }

        Built built = builds.get(name);
        if (built == null || !built.fingerprint.equals(fingerprint) || !Files.isRegularFile(built.file.path())) {
            built = build(name, inputs, fingerprint);
            builds.put(name, built);
        }
        Map<String, ServedFile> files = new TreeMap<>(Utf8Order.COMPARATOR);
        files.put(RESOURCE_RPF, built.file);

        Map<String, StreamFile> streamFiles = scanStreamFiles(dir.resolve("stream"), hashedNow);
        return new FivemResource(name, dir, serverOnly, Collections.unmodifiableMap(files),
                Collections.unmodifiableMap(streamFiles), List.copyOf(packed));
    }

    private Built build(String name, List<RpfWriter.Input> inputs, List<String> fingerprint) throws IOException {
        Path dir = Files.createDirectories(cacheDir.resolve(name));
        Path target = dir.resolve(RESOURCE_RPF);
        Path temp = dir.resolve(RESOURCE_RPF + "." + buildCounter.incrementAndGet() + ".tmp");
        try {
            RpfWriter.write(temp, inputs);
            Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(temp);
        }
        String sha1 = Digests.hashFile(target, Digests.SHA_1, pool);
        return new Built(fingerprint, new ServedFile(RESOURCE_RPF, target, Files.size(target), sha1));
    }

    /** The resource-relative paths FXServer packs into resource.rpf ({@code GetFilesForSet}), sorted by bytes. */
    static List<String> packedFiles(Path dir, FxManifest manifest, String manifestName) throws IOException {
        List<String> entries = new ArrayList<>();
        entries.add(manifestName);
        List<String> all = null;
        for (String key : List.of("file", "client_script", "shared_script", "map")) {
            for (String pattern : manifest.entries(key)) {
                if (all == null && isGlob(pattern)) {
                    all = listFiles(dir);
                }
                entries.addAll(glob(dir, pattern, all));
            }
        }
        entries.removeIf(ResourceCatalog::isExcludedStreamAsset);
        Set<String> unique = new java.util.TreeSet<>(Utf8Order.COMPARATOR);
        for (String entry : entries) {
            Path file = dir.resolve(entry);
            // FXServer skips unreadable entries; we also refuse anything escaping the resource
            if (Files.isRegularFile(file) && Files.isReadable(file) && insideRoot(file, dir)) {
                unique.add(entry);
            }
        }
        return new ArrayList<>(unique);
    }

    /** {@code stream/*.y*} except {@code .ytyp}: FXServer takes the extension from the entry's first dot. */
    private static boolean isExcludedStreamAsset(String entry) {
        if (!entry.startsWith("stream/")) {
            return false;
        }
        int dot = entry.indexOf('.');
        if (dot < 0) {
            return false;
        }
        String ext = entry.substring(dot);
        return ext.length() > 1 && ext.charAt(1) == 'y' && !ext.equals(".ytyp");
    }

    private static boolean isGlob(String pattern) {
        return pattern.indexOf('*') >= 0 || pattern.indexOf('?') >= 0;
    }

    private static List<String> glob(Path dir, String rawPattern, List<String> all) {
        String pattern = normalize(rawPattern);
        if (pattern == null) {
            return List.of();
        }
        if (!isGlob(pattern)) {
            return List.of(pattern);
        }
        List<PathMatcher> matchers = new ArrayList<>();
        matchers.add(FileSystems.getDefault().getPathMatcher("glob:" + pattern));
        // '**/' also matches no directory at all, as in FXServer's globber
        if (pattern.contains("**/")) {
            matchers.add(FileSystems.getDefault().getPathMatcher("glob:" + pattern.replace("**/", "")));
        }
        List<String> matched = new ArrayList<>();
        for (String relative : all) {
            Path path = Path.of(relative);
            for (PathMatcher matcher : matchers) {
                if (matcher.matches(path)) {
                    matched.add(relative);
                    break;
                }
            }
        }
        return matched;
    }

    /** '/'-separated, no '.', '..' or empty segments; null for references we do not serve ({@code @res/x}, '..'). */
    private static String normalize(String raw) {
        String value = raw.replace('\\', '/');
        if (value.startsWith("@")) {
            return null;
        }
        List<String> segments = new ArrayList<>();
        for (String segment : value.split("/")) {
            if (segment.isEmpty() || segment.equals(".")) {
                continue;
            }
            if (segment.equals("..")) {
                return null;
            }
            segments.add(segment);
        }
        return segments.isEmpty() ? null : String.join("/", segments);
    }

    private static List<String> listFiles(Path dir) throws IOException {
        List<String> files = new ArrayList<>();
        Files.walkFileTree(dir, EnumSet.of(FileVisitOption.FOLLOW_LINKS), Integer.MAX_VALUE,
                new SimpleFileVisitor<>() {
                    @Override
                    public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                        if (attrs.isRegularFile()) {
                            files.add(String.join("/", toSegments(dir.relativize(file))));
                        }
                        return FileVisitResult.CONTINUE;
                    }

                    @Override
                    public FileVisitResult visitFileFailed(Path file, IOException e) {
                        return FileVisitResult.CONTINUE;
                    }
                });
        files.sort(Utf8Order.COMPARATOR);
        return files;
    }

    private static List<String> toSegments(Path relative) {
        List<String> segments = new ArrayList<>();
        relative.forEach(p -> segments.add(p.toString()));
        return segments;
    }

    /** FXServer's auto-scan of stream/: a directory's files, then its non-hidden sub-directories; first name wins. */
    private Map<String, StreamFile> scanStreamFiles(Path streamDir, Set<Path> hashedNow) throws IOException {
        Map<String, StreamFile> result = new TreeMap<>(Utf8Order.COMPARATOR);
        if (!Files.isDirectory(streamDir)) {
            return result;
        }
        List<Path> ordered = new ArrayList<>();
        collectStream(streamDir, ordered);
        for (Path file : ordered) {
            String name = file.getFileName().toString();
            if (file.toString().contains(".stream_raw") || result.containsKey(name) || !insideRoot(file, streamDir)) {
                continue;
            }
            BasicFileAttributes attrs = Files.readAttributes(file, BasicFileAttributes.class);
            String sha1 = cachedSha1(file, attrs, hashedNow);
            Path raw = file.resolveSibling(name + ".stream_raw");
            long[] header = readRscHeader(Files.isRegularFile(raw) ? raw : file);
            ServedFile served = new ServedFile(name, file, attrs.size(), sha1);
            StreamFile stream;
            if (header != null && header[0] == 0x37435352L) { // RSC7
                stream = new StreamFile(served, attrs.size(), header[1], true, header[2], header[3]);
            } else if (header != null && header[0] == 0x05435352L) { // RSC\x05: FXServer stores the version twice
                stream = new StreamFile(served, attrs.size(), header[1], true, header[2], header[1]);
            } else {
                stream = new StreamFile(served, attrs.size(), 0, false, 0, 0);
            }
            result.put(name, stream);
        }
        return result;
    }

    private static void collectStream(Path dir, List<Path> out) throws IOException {
        List<Path> children = new ArrayList<>();
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(dir)) {
            stream.forEach(children::add);
        }
        children.sort(Comparator.comparing(p -> p.getFileName().toString(), Utf8Order.COMPARATOR));
        List<Path> directories = new ArrayList<>();
        for (Path child : children) {
            if (Files.isDirectory(child)) {
                if (!child.getFileName().toString().startsWith(".")) {
                    directories.add(child);
                }
            } else if (Files.isRegularFile(child)) {
                out.add(child);
            }
        }
        for (Path directory : directories) {
            collectStream(directory, out);
        }
    }

    private String cachedSha1(Path file, BasicFileAttributes attrs, Set<Path> hashedNow) throws IOException {
        Hashed known = hashes.get(file);
        if (known == null || known.size != attrs.size() || !known.modified.equals(attrs.lastModifiedTime())) {
            known = new Hashed(Digests.hashFile(file, Digests.SHA_1, pool), attrs.size(), attrs.lastModifiedTime());
            hashes.put(file, known);
        }
        hashedNow.add(file);
        return known.sha1;
    }

    /** magic, version, virtual, physical (u32 LE), or null when the file is shorter than a header. */
    private static long[] readRscHeader(Path file) throws IOException {
        ByteBuffer header = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN);
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            while (header.hasRemaining() && channel.read(header) >= 0) {
                // keep reading until 16 bytes or EOF
            }
        }
        if (header.hasRemaining()) {
            return null;
        }
        header.flip();
        return new long[] {
            Integer.toUnsignedLong(header.getInt()), Integer.toUnsignedLong(header.getInt()),
            Integer.toUnsignedLong(header.getInt()), Integer.toUnsignedLong(header.getInt())
        };
    }

    private static String readManifest(Path manifest) throws IOException {
        try (InputStream in = Files.newInputStream(manifest)) {
            byte[] bytes = in.readNBytes(MAX_MANIFEST_BYTES + 1);
            if (bytes.length > MAX_MANIFEST_BYTES) {
                throw new IOException(manifest + " is larger than " + MAX_MANIFEST_BYTES + " bytes");
            }
            return new String(bytes, StandardCharsets.UTF_8);
        }
    }

    /** True unless a symlink takes the path outside {@code base}. */
    private static boolean insideRoot(Path path, Path base) {
        try {
            return path.toRealPath().startsWith(base.toRealPath());
        } catch (IOException e) {
            return false;
        }
    }

    private record Built(List<String> fingerprint, ServedFile file) {}

    private record Hashed(String sha1, long size, FileTime modified) {}

    private record Snapshot(List<FivemResource> ordered, Map<String, FivemResource> byName) {
        static final Snapshot EMPTY = new Snapshot(List.of(), Map.of());
    }
}
