package io.gatehouse.world.assets;

import static io.gatehouse.world.TestFiles.hex;
import static io.gatehouse.world.TestFiles.randomBytes;
import static io.gatehouse.world.TestFiles.write;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(30)
class AssetCatalogTest {

    @TempDir
    Path temp;

    @Test
    void scansTreeWithRelativeNamesAndIndependentSha256() throws Exception {
        Path root = temp.resolve("assets");
        byte[] stone = randomBytes(10_000, 1);
        byte[] ui = "{\"a\":1}".getBytes();
        byte[] empty = new byte[0];
        write(root.resolve("Common/Blocks/stone.png"), stone);
        write(root.resolve("Common/UI/x.json"), ui);
        write(root.resolve("Common/empty.bin"), empty);

        AssetCatalog catalog = new AssetCatalog(root);
        assertThat(catalog.rescan()).isEqualTo(3);

        assertThat(catalog.requiredAssets()).extracting(AssetEntry::name)
                .containsExactly("Common/Blocks/stone.png", "Common/UI/x.json", "Common/empty.bin");
        assertThat(catalog.requiredAssets()).extracting(AssetEntry::hash).containsExactly(
                hex("SHA-256", stone), hex("SHA-256", ui), hex("SHA-256", empty));
        assertThat(catalog.requiredAssets()).extracting(AssetEntry::size).containsExactly(10_000L, 7L, 0L);
        assertThat(catalog.requiredAssets()).allSatisfy(a -> assertThat(a.hash()).hasSize(64).matches("[0-9a-f]+"));

        AssetEntry byHash = catalog.byHash(hex("SHA-256", stone).toUpperCase()).orElseThrow();
        assertThat(byHash.name()).isEqualTo("Common/Blocks/stone.png");
        assertThat(catalog.byHash("00".repeat(32))).isEmpty();
        assertThat(catalog.byHash(null)).isEmpty();
    }

    @Test
    void missingOrEmptyDirectoryIsAnEmptyWorld() throws Exception {
        AssetCatalog missing = new AssetCatalog(temp.resolve("nope"));
        assertThat(missing.rescan()).isZero();
        assertThat(missing.requiredAssets()).isEmpty();

        AssetCatalog empty = new AssetCatalog(Files.createDirectory(temp.resolve("empty")));
        assertThat(empty.rescan()).isZero();
    }

    @Test
    void rescanSeesAddedChangedAndRemovedFiles() throws Exception {
        Path root = temp.resolve("assets");
        Path a = write(root.resolve("a.txt"), "one".getBytes());
        write(root.resolve("b.txt"), "bee".getBytes());
        AssetCatalog catalog = new AssetCatalog(root);
        catalog.rescan();
        String oldHash = catalog.requiredAssets().get(0).hash();

        Files.write(a, "two!".getBytes());
        Files.setLastModifiedTime(a, FileTime.from(Instant.now().plusSeconds(5)));
        Files.delete(root.resolve("b.txt"));
        write(root.resolve("c/d.txt"), "dee".getBytes());
        assertThat(catalog.rescan()).isEqualTo(2);

        assertThat(catalog.requiredAssets()).extracting(AssetEntry::name).containsExactly("a.txt", "c/d.txt");
        assertThat(catalog.requiredAssets().get(0).hash()).isEqualTo(hex("SHA-256", "two!".getBytes()));
        assertThat(catalog.byHash(oldHash)).isEmpty();
    }

    @Test
    void ignoresSymlinksEscapingTheRootAndHiddenFiles() throws Exception {
        Path root = temp.resolve("assets");
        write(root.resolve("inside.txt"), "in".getBytes());
        write(root.resolve(".hidden/secret.txt"), "no".getBytes());
        write(root.resolve(".DS_Store"), "no".getBytes());
        Path outside = write(temp.resolve("outside/secret.key"), "top secret".getBytes());
        Files.createSymbolicLink(root.resolve("leak.key"), outside);
        Files.createSymbolicLink(root.resolve("leakdir"), outside.getParent());
        Files.createSymbolicLink(root.resolve("alias.txt"), root.resolve("inside.txt"));
        Files.createSymbolicLink(root.resolve("loop"), root);

        AssetCatalog catalog = new AssetCatalog(root);
        catalog.rescan();

        assertThat(catalog.requiredAssets()).extracting(AssetEntry::name)
                .containsExactlyInAnyOrder("alias.txt", "inside.txt");
        assertThat(catalog.byHash(hex("SHA-256", "top secret".getBytes()))).isEmpty();
    }

    @Test
    void theCommittedSampleWorldScans() throws Exception {
        Path sample = Path.of("../world/assets");
        AssetCatalog catalog = new AssetCatalog(sample);
        assertThat(catalog.rescan()).isGreaterThanOrEqualTo(2);
        for (AssetEntry entry : catalog.requiredAssets()) {
            assertThat(entry.hash()).isEqualTo(hex("SHA-256", Files.readAllBytes(entry.path())));
            assertThat(entry.name()).startsWith("Common/");
        }
    }
}
