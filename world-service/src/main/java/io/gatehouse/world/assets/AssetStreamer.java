package io.gatehouse.world.assets;

import io.gatehouse.world.io.ChunkedFileReader;
import io.gatehouse.world.io.Digests;
import io.gatehouse.world.io.ReadBufferPool;
import java.io.IOException;
import java.util.Optional;

/**
 * Splits an asset into {@code AssetPart} payloads, read lazily from disk.
 *
 * <p>The official server cuts blobs into {@value #MAX_PART_SIZE}-byte parts ({@code CommonAssetModule.MAX_FRAME});
 * a smaller part size is allowed (the client reassembles whatever it gets), a larger one is capped because the
 * AssetPart packet would exceed what clients accept. An empty asset has zero parts: AssetInitialize(size 0) is
 * followed directly by AssetFinalize.
 */
public final class AssetStreamer {

    /** 0x280000, the official server's part size and the most one AssetPart carries. */
    public static final int MAX_PART_SIZE = 2_621_440;

    private final AssetCatalog catalog;
    private final int partSize;
    private final ReadBufferPool pool;

    public AssetStreamer(AssetCatalog catalog, int partSize, ReadBufferPool pool) {
        if (partSize <= 0) {
            throw new IllegalArgumentException("asset part size must be positive: " + partSize);
        }
        this.catalog = catalog;
        this.partSize = Math.min(partSize, MAX_PART_SIZE);
        this.pool = pool;
    }

    public AssetStreamer(AssetCatalog catalog) {
        this(catalog, MAX_PART_SIZE, ReadBufferPool.defaultPool());
    }

    public int partSize() {
        return partSize;
    }

    /** Number of parts an asset of {@code size} bytes is cut into. */
    public int partCount(long size) {
        return (int) ((size + partSize - 1) / partSize);
    }

    /** Opens the asset with this hash, or empty when the catalogue does not have it. Close the stream when done. */
    public Optional<AssetStream> open(String hash) throws IOException {
        Optional<AssetEntry> entry = catalog.byHash(hash);
        if (entry.isEmpty()) {
            return Optional.empty();
        }
        AssetEntry asset = entry.get();
        ChunkedFileReader reader = ChunkedFileReader.open(asset.path(), asset.size(), partSize, pool,
                Digests.SHA_256, asset.hash());
        return Optional.of(new AssetStream(asset, reader, partSize));
    }

    /**
     * One asset being streamed: a pull-based sequence of parts. Nothing is read before {@link #nextPart()} asks,
     * so the consumer's pace bounds memory to one part.
     */
    public static final class AssetStream implements AutoCloseable {
        private final AssetEntry asset;
        private final ChunkedFileReader reader;
        private final int partSize;

        AssetStream(AssetEntry asset, ChunkedFileReader reader, int partSize) {
            this.asset = asset;
            this.reader = reader;
            this.partSize = partSize;
        }

        public AssetEntry asset() {
            return asset;
        }

        public int partSize() {
            return partSize;
        }

        public int partCount() {
            return reader.chunkCount();
        }

        public int nextPartIndex() {
            return reader.nextIndex();
        }

        public boolean hasNextPart() {
            return reader.hasNext();
        }

        /**
         * The next part's bytes (a fresh array the caller owns). Reading the last part verifies the SHA-256; a file
         * changed since the scan throws {@link ChunkedFileReader.ContentChangedException}.
         */
        public byte[] nextPart() throws IOException {
            return reader.next();
        }

        /** Checks an empty asset still hashes to what was advertised (non-empty ones are checked by the last part). */
        public void verifyIfEmpty() throws IOException {
            reader.verifyIfEmpty();
        }

        @Override
        public void close() {
            reader.close();
        }
    }
}
