package io.gatehouse.world.resources;

import static io.gatehouse.world.TestFiles.randomBytes;
import static io.gatehouse.world.TestFiles.write;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(30)
class RpfWriterTest {

    @TempDir
    Path temp;

    @Test
    void layoutMatchesFxServersPackfileBuilder() throws Exception {
        byte[] manifest = "fx_version 'cerulean'\n".getBytes();
        byte[] client = randomBytes(3000, 1);
        byte[] nested = randomBytes(10, 2);
        byte[] dotted = randomBytes(5, 3);
        List<RpfWriter.Input> inputs = new ArrayList<>();
        inputs.add(input("fxmanifest.lua", manifest));
        inputs.add(input("client/main.lua", client));
        inputs.add(input("client/lib/util.lua", nested));
        inputs.add(input("client.lua", dotted));
        inputs.add(input("client/main.lua", client)); // duplicates collapse like std::set

        Path out = temp.resolve("resource.rpf");
        RpfWriter.write(out, inputs);
        byte[] bytes = Files.readAllBytes(out);
        RpfReader rpf = new RpfReader(bytes);

        // entries: root, then root's children sorted by name, then client/'s children, then client/lib/'s
        assertThat(rpf.entries).extracting(RpfReader.Entry::name)
                .containsExactly("/", "client", "client.lua", "fxmanifest.lua", "lib", "main.lua", "util.lua");
        assertThat(rpf.entries.get(0).a()).isEqualTo(3);
        assertThat(rpf.entries.get(0).b()).isEqualTo(0x80000000 | 1);
        assertThat(rpf.entries.get(1).b()).isEqualTo(0x80000000 | 4); // client/ children start at index 4
        assertThat(rpf.entries.get(4).b()).isEqualTo(0x80000000 | 6);

        // names depth-first in sorted order: "/", client, lib, util.lua, main.lua, client.lua, fxmanifest.lua
        int names = rpf.namesStart;
        assertThat(new String(bytes, names, 2)).isEqualTo("/\0");
        assertThat(rpf.data.getInt(2048 + 16)).isEqualTo(2); // "client" right after "/\0"
        assertThat(rpf.data.getInt(2048 + 16 * 4)).isEqualTo(2 + "client\0".length()); // lib next

        assertThat(rpf.tocEnd % 2048).isZero();
        assertThat(rpf.tocEnd).isEqualTo(4096);
        assertThat(rpf.data.getInt(8)).isEqualTo(7);
        assertThat(bytes.length % 2048).isZero();

        // data in insertion order of sorted paths: client.lua, client/ (lib/util.lua, main.lua), fxmanifest.lua
        RpfReader.Entry clientLua = rpf.entries.get(2);
        RpfReader.Entry util = rpf.entries.get(6);
        RpfReader.Entry main = rpf.entries.get(5);
        RpfReader.Entry fx = rpf.entries.get(3);
        assertThat(clientLua.b()).isEqualTo(4096);
        assertThat(util.b()).isEqualTo(4096 + 2048);
        assertThat(main.b()).isEqualTo(4096 + 2 * 2048);
        assertThat(fx.b()).isEqualTo(4096 + 2 * 2048 + 4096);
        assertThat(clientLua.a()).isEqualTo(clientLua.c()).isEqualTo(5);

        Map<String, byte[]> files = rpf.files();
        assertThat(files).containsOnlyKeys("client/lib/util.lua", "client/main.lua", "client.lua", "fxmanifest.lua");
        assertThat(files.get("client/main.lua")).isEqualTo(client);
        assertThat(files.get("client/lib/util.lua")).isEqualTo(nested);
        assertThat(files.get("fxmanifest.lua")).isEqualTo(manifest);
    }

    @Test
    void isDeterministic() throws Exception {
        List<RpfWriter.Input> inputs = List.of(input("b.lua", randomBytes(100, 4)), input("a.lua", new byte[0]));
        RpfWriter.write(temp.resolve("one.rpf"), inputs);
        RpfWriter.write(temp.resolve("two.rpf"), List.of(inputs.get(1), inputs.get(0)));
        assertThat(Files.readAllBytes(temp.resolve("one.rpf"))).isEqualTo(Files.readAllBytes(temp.resolve("two.rpf")));
        RpfReader rpf = new RpfReader(Files.readAllBytes(temp.resolve("one.rpf")));
        assertThat(rpf.files().get("a.lua")).isEmpty();
        // the empty file takes no space: the next file starts at the same offset
        assertThat(rpf.entries.get(1).b()).isEqualTo(rpf.entries.get(2).b());
    }

    private RpfWriter.Input input(String name, byte[] bytes) throws Exception {
        Path file = write(temp.resolve("src").resolve(name), bytes);
        return new RpfWriter.Input(name, file, bytes.length);
    }
}
