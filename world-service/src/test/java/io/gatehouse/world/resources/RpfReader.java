package io.gatehouse.world.resources;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A test-side RPF2 reader written from the format description, to check the writer independently. */
final class RpfReader {

    record Entry(int index, String name, boolean directory, int a, int b, int c) {}

    final ByteBuffer data;
    final int tocEnd;
    final List<Entry> entries = new ArrayList<>();
    final int namesStart;

    RpfReader(byte[] bytes) {
        data = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        if (data.getInt(0) != 0x32465052) {
            throw new IllegalArgumentException("not RPF2");
        }
        tocEnd = data.getInt(4);
        int count = data.getInt(8);
        namesStart = 2048 + 16 * count;
        for (int i = 0; i < count; i++) {
            int at = 2048 + 16 * i;
            int nameOff = data.getInt(at);
            int a = data.getInt(at + 4);
            int b = data.getInt(at + 8);
            int c = data.getInt(at + 12);
            boolean dir = (b & 0x80000000) != 0;
            entries.add(new Entry(i, cString(namesStart + nameOff), dir, a, b, c));
        }
    }

    private String cString(int at) {
        int end = at;
        while (data.get(end) != 0) {
            end++;
        }
        byte[] bytes = new byte[end - at];
        data.get(at, bytes);
        return new String(bytes, StandardCharsets.UTF_8);
    }

    /** full path -> contents, walking directories from the root. */
    Map<String, byte[]> files() {
        Map<String, byte[]> out = new LinkedHashMap<>();
        walk(entries.get(0), "", out);
        return out;
    }

    private void walk(Entry dir, String prefix, Map<String, byte[]> out) {
        int first = dir.b() & 0x7FFFFFFF;
        for (int i = first; i < first + dir.a(); i++) {
            Entry child = entries.get(i);
            String path = prefix + child.name();
            if (child.directory()) {
                walk(child, path + "/", out);
            } else {
                byte[] bytes = new byte[child.a()];
                data.get(child.b(), bytes);
                out.put(path, bytes);
            }
        }
    }
}
