package io.gatehouse.hytale.protocol;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * The hex vectors of shared/reference/hytale-vectors.md (copied unchanged to the test resources), parsed per section:
 * each {@code ### } heading with its uncompressed payload and its full frame.
 */
public final class Vectors {

    public record Vector(String section, String title, byte[] payload, byte[] frame) {
        @Override
        public String toString() {
            return section + ": " + title;
        }
    }

    private Vectors() {
    }

    public static List<Vector> all() {
        String text;
        try (InputStream in = Vectors.class.getResourceAsStream("/hytale-vectors.md")) {
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<Vector> vectors = new ArrayList<>();
        String section = "";
        String[] lines = text.split("\n");
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            if (line.startsWith("## ")) {
                section = line.substring(3, 4);
            } else if (line.startsWith("### ") && (section.equals("A") || section.equals("B") || section.equals("C"))) {
                String title = line.substring(4).replaceFirst("^[ABC]: ", "");
                byte[] payload = null;
                byte[] frame = null;
                int j = i + 1;
                for (; j < lines.length && !lines[j].startsWith("#"); j++) {
                    if (lines[j].startsWith("payload")) {
                        payload = block(lines, j + 1);
                    } else if (lines[j].startsWith("full frame hex")) {
                        frame = block(lines, j + 1);
                    }
                }
                vectors.add(new Vector(section, title, payload, frame));
                i = j - 1;
            }
        }
        return vectors;
    }

    private static byte[] block(String[] lines, int fenceLine) {
        StringBuilder hex = new StringBuilder();
        for (int k = fenceLine + 1; !lines[k].startsWith("```"); k++) {
            hex.append(lines[k].replace(" ", "").trim());
        }
        return HexFormat.of().parseHex(hex.toString());
    }

    public static byte[] hex(String spaced) {
        return HexFormat.of().parseHex(spaced.replace(" ", "").replace("\n", ""));
    }
}
