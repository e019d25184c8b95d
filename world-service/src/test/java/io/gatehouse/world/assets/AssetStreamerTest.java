package io.gatehouse.world.assets;

import static io.gatehouse.world.TestFiles.hex;
import static io.gatehouse.world.TestFiles.hexOfFile;
import static io.gatehouse.world.TestFiles.randomBytes;
import static io.gatehouse.world.TestFiles.write;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gatehouse.world.io.ChunkedFileReader;
import io.gatehouse.world.io.ReadBufferPool;
import java.io.ByteArrayOutputStream;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@Timeout(60)
class AssetStreamerTest {

    private static final int PART = 1000;

    @TempDir
    Path temp;

    @ParameterizedTest(name = "{0} bytes")
    @ValueSource(ints = {0, 1, PART - 1, PART, PART + 1, 3 * PART, 3 * PART + 7})
    void splitsAtExactBoundaries(int size) throws Exception {
        byte[] bytes = randomBytes(size, size);
        write(temp.resolve("a/blob.bin"), bytes);
        AssetCatalog catalog = new AssetCatalog(temp.resolve("a"));
        catalog.rescan();
        AssetStreamer streamer = new AssetStreamer(catalog, PART, ReadBufferPool.defaultPool());

        List<byte[]> parts = new ArrayList<>();
        try (AssetStreamer.AssetStream stream = streamer.open(hex("SHA-256", bytes)).orElseThrow()) {
            int expectedParts = (size + PART - 1) / PART;
            assertThat(stream.partCount()).isEqualTo(expectedParts).isEqualTo(streamer.partCount(size));
            while (stream.hasNextPart()) {
                assertThat(stream.nextPartIndex()).isEqualTo(parts.size());
                parts.add(stream.nextPart());
            }
            stream.verifyIfEmpty();
        }
        assertThat(parts).hasSize((size + PART - 1) / PART);
        for (int i = 0; i < parts.size(); i++) {
            int expected = i < parts.size() - 1 ? PART : size - PART * (parts.size() - 1);
            assertThat(parts.get(i)).hasSize(expected);
        }
        ByteArrayOutputStream joined = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            joined.write(part);
        }
        assertThat(joined.toByteArray()).isEqualTo(bytes);
    }

    @Test
    void partSizeIsCappedAtTheProtocolMaximum() {
        AssetStreamer streamer = new AssetStreamer(new AssetCatalog(temp), 10 << 20, ReadBufferPool.defaultPool());
        assertThat(streamer.partSize()).isEqualTo(2_621_440);
        assertThat(streamer.partCount(2_621_440)).isEqualTo(1);
        assertThat(streamer.partCount(2_621_441)).isEqualTo(2);
        assertThat(streamer.partCount(0)).isZero();
    }

    @Test
    void unknownHashOpensNothing() throws Exception {
        AssetCatalog catalog = new AssetCatalog(temp);
        catalog.rescan();
        assertThat(new AssetStreamer(catalog).open("ab".repeat(32))).isEmpty();
    }

    @Test
    void largeSparseAssetStreamsInCappedPartsWithMatchingHash() throws Exception {
        Path root = Files.createDirectories(temp.resolve("big"));
        Path file = root.resolve("Common/huge.bin");
        Files.createDirectories(file.getParent());
        long size = 64L << 20;
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
            raf.setLength(size);
            raf.seek(size / 2);
            raf.write("middle".getBytes());
            raf.seek(size - 3);
            raf.write(new byte[] {1, 2, 3});
        }
        String expected = hexOfFile("SHA-256", file);
        AssetCatalog catalog = new AssetCatalog(root);
        catalog.rescan();
        assertThat(catalog.requiredAssets().get(0).hash()).isEqualTo(expected);

        ReadBufferPool pool = new ReadBufferPool(64 * 1024, 4);
        AssetStreamer streamer = new AssetStreamer(catalog, Integer.MAX_VALUE, pool);
        MessageDigest digest = MessageDigest.getInstance("SHA-256");
        long total = 0;
        int parts = 0;
        try (AssetStreamer.AssetStream stream = streamer.open(expected).orElseThrow()) {
            assertThat(stream.partCount()).isEqualTo(26); // ceil(64 MiB / 2.5 MiB)
            while (stream.hasNextPart()) {
                byte[] part = stream.nextPart();
                assertThat(part.length).isLessThanOrEqualTo(AssetStreamer.MAX_PART_SIZE);
                digest.update(part);
                total += part.length;
                parts++;
            }
        }
        assertThat(parts).isEqualTo(26);
        assertThat(total).isEqualTo(size);
        assertThat(HexFormat.of().formatHex(digest.digest())).isEqualTo(expected);
        assertThat(pool.idle()).isEqualTo(1); // the one read buffer came back
    }

    @Test
    void aFileChangedAfterTheScanFailsInsteadOfServingUnadvertisedBytes() throws Exception {
        Path root = temp.resolve("a");
        Path file = write(root.resolve("x.bin"), randomBytes(3 * PART, 9));
        AssetCatalog catalog = new AssetCatalog(root);
        catalog.rescan();
        String hash = catalog.requiredAssets().get(0).hash();
        AssetStreamer streamer = new AssetStreamer(catalog, PART, ReadBufferPool.defaultPool());

        // same size, different content: detected by the hash check on the last part
        Files.write(file, randomBytes(3 * PART, 10));
        try (AssetStreamer.AssetStream stream = streamer.open(hash).orElseThrow()) {
            stream.nextPart();
            stream.nextPart();
            assertThatThrownBy(stream::nextPart).isInstanceOf(ChunkedFileReader.ContentChangedException.class);
        }
        // different size: refused at open
        Files.write(file, randomBytes(10, 11));
        assertThatThrownBy(() -> streamer.open(hash)).isInstanceOf(ChunkedFileReader.ContentChangedException.class);
    }
}
