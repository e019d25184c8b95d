package io.gatehouse.world.resources;

import static io.gatehouse.world.TestFiles.hex;
import static io.gatehouse.world.TestFiles.hexOfFile;
import static io.gatehouse.world.TestFiles.randomBytes;
import static io.gatehouse.world.TestFiles.write;
import static org.assertj.core.api.Assertions.assertThat;

import io.gatehouse.world.io.ReadBufferPool;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(30)
class ResourceCatalogTest {

    @TempDir
    Path temp;

    private ResourceCatalog catalog;

    @AfterEach
    void close() {
        if (catalog != null) {
            catalog.close();
        }
    }

    @Test
    void sampleResourceConfigurationIsFxServersExactShape() throws Exception {
        catalog = new ResourceCatalog(Path.of("../world/resources"), temp.resolve("cache"), ReadBufferPool.defaultPool());
        assertThat(catalog.rescan()).isEqualTo(1);

        FivemResource hello = catalog.resource("gatehouse-hello").orElseThrow();
        assertThat(hello.packedFiles()).containsExactly("client.lua", "fxmanifest.lua");
        Path rpf = temp.resolve("cache/gatehouse-hello/resource.rpf");
        String sha1 = hexOfFile("SHA-1", rpf);

        assertThat(catalog.configurationJson(null)).isEqualTo(
                "{\"fileServer\":\"https://%s/files\",\"resources\":[{\"name\":\"gatehouse-hello\","
                        + "\"files\":{\"resource.rpf\":\"" + sha1 + "\"},\"streamFiles\":{}}]}");

        // the packfile holds exactly the manifest and the client script, byte for byte
        Map<String, byte[]> packed = new RpfReader(Files.readAllBytes(rpf)).files();
        assertThat(packed).containsOnlyKeys("client.lua", "fxmanifest.lua");
        assertThat(packed.get("client.lua"))
                .isEqualTo(Files.readAllBytes(Path.of("../world/resources/gatehouse-hello/client.lua")));

        FileLookup found = catalog.lookup("gatehouse-hello", "resource.rpf");
        assertThat(found).isInstanceOf(FileLookup.Found.class);
        ServedFile file = ((FileLookup.Found) found).file();
        assertThat(file.size()).isEqualTo(Files.size(rpf));
        assertThat(file.sha1()).isEqualTo(sha1);
    }

    @Test
    void listsClientFilesStreamFilesAndHonoursServerOnlyAndFilters() throws Exception {
        Path root = temp.resolve("resources");
        Path res = root.resolve("[maps]/alpha");
        write(res.resolve("fxmanifest.lua"), """
                fx_version 'cerulean'
                client_scripts { 'client/*.lua' }
                shared_script 'shared.lua'
                server_script 'server.lua'
                files { 'html/**', 'stream/keep.ytyp', 'stream/drop.ydr', 'missing.txt', '../escape.txt' }
                """.getBytes());
        write(res.resolve("client/a.lua"), "a".getBytes());
        write(res.resolve("client/b.lua"), "b".getBytes());
        write(res.resolve("shared.lua"), "s".getBytes());
        write(res.resolve("server.lua"), "SECRET".getBytes());
        write(res.resolve("html/index.html"), "<p>".getBytes());
        write(res.resolve("html/css/site.css"), "p{}".getBytes());
        write(res.resolve("stream/keep.ytyp"), "t".getBytes());
        byte[] ydr = rsc7(0xA, 0x1234, 0x5678);
        write(res.resolve("stream/drop.ydr"), ydr);
        byte[] plain = randomBytes(40, 7);
        write(res.resolve("stream/sub/plain.bin"), plain);
        write(temp.resolve("resources/escape.txt"), "x".getBytes());

        write(root.resolve("beta/__resource.lua"), "server_only 'yes'\nclient_script 'c.lua'".getBytes());
        write(root.resolve("beta/c.lua"), "c".getBytes());
        write(root.resolve("gamma/__resource.lua"), "client_script 'g.lua'".getBytes());
        write(root.resolve("gamma/g.lua"), "g".getBytes());
        write(root.resolve("not-a-resource/readme.txt"), "no manifest".getBytes());

        catalog = new ResourceCatalog(root, null, ReadBufferPool.defaultPool());
        assertThat(catalog.rescan()).isEqualTo(3);

        FivemResource alpha = catalog.resource("alpha").orElseThrow();
        assertThat(alpha.packedFiles()).containsExactly("client/a.lua", "client/b.lua", "fxmanifest.lua",
                "html/css/site.css", "html/index.html", "shared.lua", "stream/keep.ytyp");
        assertThat(catalog.resource("gamma").orElseThrow().packedFiles()).containsExactly("__resource.lua", "g.lua");

        String alphaSha = hexOfFile("SHA-1", catalog.cacheDir().resolve("alpha/resource.rpf"));
        String gammaSha = hexOfFile("SHA-1", catalog.cacheDir().resolve("gamma/resource.rpf"));
        String expectedAlpha = "{\"name\":\"alpha\",\"files\":{\"resource.rpf\":\"" + alphaSha + "\"},"
                + "\"streamFiles\":{"
                + "\"drop.ydr\":{\"hash\":\"" + hex("SHA-1", ydr) + "\",\"rscFlags\":" + ydr.length
                + ",\"rscVersion\":10,\"size\":" + ydr.length + ",\"rscPagesVirtual\":4660,\"rscPagesPhysical\":22136},"
                + "\"keep.ytyp\":{\"hash\":\"" + hex("SHA-1", "t".getBytes()) + "\",\"rscFlags\":1,\"rscVersion\":0,\"size\":1},"
                + "\"plain.bin\":{\"hash\":\"" + hex("SHA-1", plain) + "\",\"rscFlags\":40,\"rscVersion\":0,\"size\":40}"
                + "}}";
        String expectedGamma = "{\"name\":\"gamma\",\"files\":{\"resource.rpf\":\"" + gammaSha + "\"},\"streamFiles\":{}}";

        // server_only beta is never listed; order is by name
        assertThat(catalog.configurationJson(null)).isEqualTo(
                "{\"fileServer\":\"https://%s/files\",\"resources\":[" + expectedAlpha + "," + expectedGamma + "]}");
        assertThat(catalog.configurationCount(null)).isEqualTo(2);
        // the resources filter: ';'-separated, stopping at the first empty value
        assertThat(catalog.configurationJson("gamma")).contains("\"gamma\"").doesNotContain("\"alpha\"");
        assertThat(catalog.configurationJson("gamma;;alpha")).doesNotContain("\"alpha\"");
        assertThat(catalog.configurationJson("")).contains("\"alpha\"", "\"gamma\"");
        assertThat(catalog.configurationJson("beta")).isEqualTo("{\"fileServer\":\"https://%s/files\",\"resources\":[]}");

        // /files lookups with FXServer's wording
        assertThat(catalog.lookup("alpha", "plain.bin")).isInstanceOf(FileLookup.Found.class);
        assertThat(catalog.lookup("nope", "resource.rpf"))
                .isEqualTo(new FileLookup.MissingResource("nope"));
        assertThat(((FileLookup.MissingResource) catalog.lookup("nope", "x")).message())
                .isEqualTo("Not found. (missing requested resource: nope)");
        assertThat(((FileLookup.MissingFile) catalog.lookup("alpha", "server.lua")).message())
                .isEqualTo("Not found. (missing requested file: alpha/server.lua)");

        // server-only code never reaches the packfile
        byte[] rpf = Files.readAllBytes(catalog.cacheDir().resolve("alpha/resource.rpf"));
        assertThat(new RpfReader(rpf).files()).doesNotContainKey("server.lua");
        assertThat(new String(rpf, java.nio.charset.StandardCharsets.ISO_8859_1)).doesNotContain("SECRET");
    }

    @Test
    void rescanRebuildsOnlyChangedResourcesAndEmptyDirIsFine() throws Exception {
        Path root = temp.resolve("resources");
        catalog = new ResourceCatalog(root, temp.resolve("cache"), ReadBufferPool.defaultPool());
        assertThat(catalog.rescan()).isZero();
        assertThat(catalog.configurationJson(null)).isEqualTo("{\"fileServer\":\"https://%s/files\",\"resources\":[]}");

        write(root.resolve("r/fxmanifest.lua"), "client_script 'c.lua'".getBytes());
        Path script = write(root.resolve("r/c.lua"), "one".getBytes());
        catalog.rescan();
        ServedFile first = catalog.resource("r").orElseThrow().files().get("resource.rpf");
        catalog.rescan();
        assertThat(catalog.resource("r").orElseThrow().files().get("resource.rpf")).isSameAs(first);

        Files.write(script, "two, longer".getBytes());
        catalog.rescan();
        ServedFile second = catalog.resource("r").orElseThrow().files().get("resource.rpf");
        assertThat(second.sha1()).isNotEqualTo(first.sha1());
        assertThat(second.sha1()).isEqualTo(hexOfFile("SHA-1", second.path()));
    }

    @Test
    void escapesJsonLikeRapidjson() {
        StringBuilder out = new StringBuilder();
        FxJson.string(out, "a\"b\\c/d\n\t\u0001é");
        assertThat(out.toString()).isEqualTo("\"a\\\"b\\\\c/d\\n\\t\\u0001é\"");
    }

    private static byte[] rsc7(int version, int virt, int phys) {
        ByteBuffer b = ByteBuffer.allocate(64).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(0x37435352).putInt(version).putInt(virt).putInt(phys);
        return b.array();
    }
}
