package io.gatehouse.world.resources;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class FxManifestTest {

    @Test
    void readsTheDeclarativeForms() {
        FxManifest manifest = FxManifest.parse("""
                -- comment client_script 'nope.lua'
                --[[ block
                     client_script 'nope2.lua' ]]
                fx_version 'cerulean'
                games { 'gta5', "rdr3" }
                client_script "a.lua"
                client_scripts {
                    'b.lua', -- trailing
                    "c/*.lua";
                    [[d.lua]],
                }
                shared_script('shared.lua')
                files { 'html/index.html', 'html/**' }
                data_file 'DLC_ITYP_REQUEST' 'stream/x.ytyp'
                server_script 'server.lua'
                local name = 'not an entry'
                ui_page [==[html/index.html]==]
                """);
        assertThat(manifest.entries("fx_version")).containsExactly("cerulean");
        assertThat(manifest.entries("client_script")).containsExactly("a.lua", "b.lua", "c/*.lua", "d.lua");
        assertThat(manifest.entries("shared_script")).containsExactly("shared.lua");
        assertThat(manifest.entries("file")).containsExactly("html/index.html", "html/**");
        assertThat(manifest.entries("data_file")).containsExactly("DLC_ITYP_REQUEST");
        assertThat(manifest.entries("server_script")).containsExactly("server.lua");
        assertThat(manifest.entries("ui_page")).containsExactly("html/index.html");
        assertThat(manifest.all()).doesNotContainKey("name").doesNotContainKey("local");
        assertThat(manifest.has("server_only")).isFalse();
    }

    @Test
    void toleratesGarbage() {
        FxManifest manifest = FxManifest.parse("client_script 'unterminated\n}}}(( [[ server_only 'yes'");
        assertThat(manifest.entries("client_script")).containsExactly("unterminated");
    }
}
