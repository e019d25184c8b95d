package io.gatehouse.world.resources;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Writes a resource's client files into {@code resource.rpf} exactly as FXServer's {@code fi::PackfileBuilder}
 * ({@code ResourceFilesComponent.cpp}) does, so the SHA-1 in getConfiguration and the bytes of /files are what a
 * client expects: an RPF2 packfile, little-endian.
 *
 * <pre>
 * header   u32 magic 0x32465052 ("RPF2"), u32 tocEnd, u32 entryCount, u32 0, u32 0; pad to 2048
 * entries  16 bytes each, index 0 = root directory; a directory's children are contiguous, sorted by name:
 *            file: u32 nameOffset, u32 length, u32 dataOffset (absolute), u32 length
 *            dir:  u32 nameOffset, u32 childCount, u32 firstChildIndex | 0x80000000, u32 childCount
 * names    NUL-terminated, root is "/", depth-first in sorted order; offsets relative to the first name
 *          pad to 2048 (tocEnd = this absolute offset)
 * data     depth-first in insertion order (paths added sorted by bytes), each file padded to 2048
 * </pre>
 *
 * The table of contents is built in memory (it is small: 16 bytes plus a name per file); contents are copied from
 * disk with {@link FileChannel#transferTo}, never loaded whole.
 */
public final class RpfWriter {

    static final int MAGIC = 0x32465052;
    static final int ALIGNMENT = 2048;
    private static final long MAX_OFFSET = 0xFFFF_FFFFL;

    /** One file to pack: its path inside the packfile ('/'-separated) and where its bytes are. */
    public record Input(String name, Path source, long size) {}

    private RpfWriter() {}

    /**
     * Writes the packfile. Inputs are de-duplicated and ordered by name bytes, as FXServer's std::set does.
     *
     * @throws IOException when a source is unreadable or the packfile would exceed 4 GiB (u32 offsets)
     */
    public static void write(Path out, List<Input> inputs) throws IOException {
        Map<String, Input> unique = new TreeMap<>(Utf8Order.COMPARATOR);
        for (Input input : inputs) {
            unique.putIfAbsent(input.name(), input);
        }

        Node root = Node.directory("", "");
        for (Input input : unique.values()) {
            root.add(input);
        }

        // entry indices: root, then each directory's sorted children contiguously, recursing in sorted order
        List<Node> ordered = new ArrayList<>();
        ordered.add(root);
        layoutChildren(root, ordered);

        // names: "/" for the root, then depth-first in sorted order
        ByteArrayBuilder names = new ByteArrayBuilder();
        root.nameOffset = 0;
        names.write("/".getBytes(StandardCharsets.UTF_8));
        names.write(0);
        writeNames(root, names);

        long tocEnd = align(align(20) + 16L * ordered.size() + names.size());

        // data offsets: depth-first in insertion order
        long[] cursor = {tocEnd};
        assignDataOffsets(root, cursor);
        if (cursor[0] > MAX_OFFSET) {
            throw new IOException("resource.rpf would exceed 4 GiB");
        }

        ByteBuffer toc = ByteBuffer.allocate((int) tocEnd).order(ByteOrder.LITTLE_ENDIAN);
        toc.putInt(MAGIC).putInt((int) tocEnd).putInt(ordered.size()).putInt(0).putInt(0);
        toc.position(align(20));
        for (Node node : ordered) {
            toc.putInt(node.nameOffset);
            if (node.directory) {
                toc.putInt(node.children.size());
                toc.putInt(node.firstChildIndex | 0x8000_0000);
                toc.putInt(node.children.size());
            } else {
                toc.putInt((int) node.input.size());
                toc.putInt((int) node.dataOffset);
                toc.putInt((int) node.input.size());
            }
        }
        toc.put(names.array(), 0, names.size());
        toc.position(0).limit((int) tocEnd);

        try (FileChannel channel = FileChannel.open(out, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            while (toc.hasRemaining()) {
                channel.write(toc);
            }
            writeData(root, channel);
            channel.force(false);
        }
    }

    private static void layoutChildren(Node directory, List<Node> ordered) {
        directory.firstChildIndex = ordered.size();
        List<Node> sorted = directory.sortedChildren();
        ordered.addAll(sorted);
        for (Node child : sorted) {
            if (child.directory) {
                layoutChildren(child, ordered);
            }
        }
    }

    private static void writeNames(Node directory, ByteArrayBuilder names) {
        for (Node child : directory.sortedChildren()) {
            child.nameOffset = names.size();
            names.write(child.name.getBytes(StandardCharsets.UTF_8));
            names.write(0);
            if (child.directory) {
                writeNames(child, names);
            }
        }
    }

    private static void assignDataOffsets(Node node, long[] cursor) {
        if (!node.directory) {
            node.dataOffset = cursor[0];
            cursor[0] = align(cursor[0] + node.input.size());
            return;
        }
        for (Node child : node.children) {
            assignDataOffsets(child, cursor);
        }
    }

    private static void writeData(Node node, FileChannel out) throws IOException {
        if (!node.directory) {
            long size = node.input.size();
            try (FileChannel in = FileChannel.open(node.input.source(), StandardOpenOption.READ)) {
                if (in.size() < size) {
                    throw new IOException(node.input.source() + " shrank while packing");
                }
                long copied = 0;
                while (copied < size) {
                    long n = in.transferTo(copied, size - copied, out);
                    if (n <= 0) {
                        throw new IOException("short copy from " + node.input.source());
                    }
                    copied += n;
                }
            }
            long padding = align(node.dataOffset + size) - (node.dataOffset + size);
            if (padding > 0) {
                ByteBuffer zeros = ByteBuffer.allocate((int) padding);
                while (zeros.hasRemaining()) {
                    out.write(zeros);
                }
            }
            return;
        }
        for (Node child : node.children) {
            writeData(child, out);
        }
    }

    static int align(int value) {
        return (int) align((long) value);
    }

    static long align(long value) {
        long rest = value % ALIGNMENT;
        return rest == 0 ? value : value + (ALIGNMENT - rest);
    }

    private static final class Node {
        final String name;
        final String fullName;
        final boolean directory;
        final Input input;
        final List<Node> children = new ArrayList<>();
        int nameOffset;
        int firstChildIndex;
        long dataOffset;

        private Node(String name, String fullName, boolean directory, Input input) {
            this.name = name;
            this.fullName = fullName;
            this.directory = directory;
            this.input = input;
        }

        static Node directory(String name, String fullName) {
            return new Node(name, fullName, true, null);
        }

        void add(Input input) {
            String[] segments = input.name().split("/");
            Node dir = this;
            StringBuilder path = new StringBuilder();
            for (int i = 0; i < segments.length - 1; i++) {
                if (path.length() > 0) {
                    path.append('/');
                }
                path.append(segments[i]);
                Node next = dir.child(segments[i]);
                if (next == null) {
                    next = Node.directory(segments[i], path.toString());
                    dir.children.add(next);
                } else if (!next.directory) {
                    return; // a file already holds this name: FXServer drops the file too
                }
                dir = next;
            }
            String leaf = segments[segments.length - 1];
            if (dir.child(leaf) == null) {
                dir.children.add(new Node(leaf, input.name(), false, input));
            }
        }

        Node child(String childName) {
            for (Node child : children) {
                if (child.name.equals(childName)) {
                    return child;
                }
            }
            return null;
        }

        List<Node> sortedChildren() {
            List<Node> sorted = new ArrayList<>(children);
            sorted.sort((a, b) -> Utf8Order.COMPARATOR.compare(a.name, b.name));
            return sorted;
        }
    }

    /** Growable byte array without the synchronisation of ByteArrayOutputStream. */
    private static final class ByteArrayBuilder {
        private byte[] bytes = new byte[256];
        private int size;

        void write(int b) {
            ensure(1);
            bytes[size++] = (byte) b;
        }

        void write(byte[] data) {
            ensure(data.length);
            System.arraycopy(data, 0, bytes, size, data.length);
            size += data.length;
        }

        private void ensure(int extra) {
            if (size + extra > bytes.length) {
                bytes = java.util.Arrays.copyOf(bytes, Math.max(bytes.length * 2, size + extra));
            }
        }

        int size() {
            return size;
        }

        byte[] array() {
            return bytes;
        }
    }
}
