package io.gatehouse.fivem.protocol.net;

import io.gatehouse.fivem.protocol.FivemProtocolException;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code msgObjectIds} ({@code net-packet/include/ObjectIds.h}): {@code u32 type; u16 count; count x {u16 gap, u16 size}}
 * where each entry is a run of {@code size + 1} consecutive ids starting {@code gap + 1} after the previous run's end.
 * Arithmetic is modulo 2^16 as in the C++ {@code uint16_t}s.
 */
public final class ObjectIds {

    /** Ids sent after connectOK: 4 in OneSync big mode, 64 otherwise. */
    public static final int INITIAL_COUNT_BIG = 4;
    public static final int INITIAL_COUNT = 64;
    /** Ids sent in reply to {@code msgRequestObjectIds}: 6 in big mode, 32 otherwise. */
    public static final int REQUEST_REPLY_COUNT_BIG = 6;
    public static final int REQUEST_REPLY_COUNT = 32;
    /** Maximum number of run entries in one packet. */
    public static final int MAX_ENTRIES_BIG = 6;
    public static final int MAX_ENTRIES = 64;

    private ObjectIds() {
    }

    /** One run: {@code gap} and {@code size} as on the wire. */
    public record Entry(int gap, int size) {
    }

    /** Compresses ascending ids into runs exactly as {@code ServerObjectIds::SetIds}. */
    public static List<Entry> compress(List<Integer> ids) {
        List<Entry> entries = new ArrayList<>();
        int last = -1;
        int i = 0;
        while (i < ids.size()) {
            int gap = (ids.get(i) - 2 - last) & 0xFFFF;
            int size = 0;
            while (++i < ids.size()) {
                if (ids.get(i) != ids.get(i - 1) + 1) {
                    break;
                }
                size++;
            }
            last = ids.get(i - 1);
            entries.add(new Entry(gap, size & 0xFFFF));
        }
        return entries;
    }

    /** Expands runs like {@code ServerObjectIds::GetIds}. */
    public static List<Integer> expand(List<Entry> entries) {
        List<Integer> ids = new ArrayList<>();
        int last = 0;
        for (Entry e : entries) {
            last = (last + e.gap() + 1) & 0xFFFF;
            for (int j = 0; j <= e.size(); j++) {
                ids.add(last);
                last = (last + 1) & 0xFFFF;
            }
        }
        return ids;
    }

    /** The packet for ascending, distinct ids in 0..65535. */
    public static byte[] encode(List<Integer> ids) {
        for (int i = 0; i < ids.size(); i++) {
            int id = ids.get(i);
            if (id < 0 || id > 0xFFFF || (i > 0 && id <= ids.get(i - 1))) {
                throw new IllegalArgumentException("object ids must be ascending, distinct u16 values");
            }
        }
        List<Entry> entries = compress(ids);
        if (entries.size() > MAX_ENTRIES) {
            throw new IllegalArgumentException("too many id runs for one msgObjectIds");
        }
        LeWriter w = new LeWriter(6 + 4 * entries.size()).u32(MessageType.MSG_OBJECT_IDS.hash()).u16(entries.size());
        for (Entry e : entries) {
            w.u16(e.gap()).u16(e.size());
        }
        return w.toByteArray();
    }

    public static List<Integer> decode(byte[] packet) {
        return decode(packet, MAX_ENTRIES);
    }

    /** Decodes a whole packet (type included), rejecting more than {@code maxEntries} runs. */
    public static List<Integer> decode(byte[] packet, int maxEntries) {
        LeReader r = new LeReader(packet);
        if (r.u32() != MessageType.MSG_OBJECT_IDS.hash()) {
            throw new FivemProtocolException(FivemProtocolException.Kind.MESSAGE, "not a msgObjectIds packet");
        }
        return expand(decodeEntries(r, maxEntries));
    }

    static List<Entry> decodeEntries(LeReader r, int maxEntries) {
        int count = r.u16();
        if (count > maxEntries) {
            throw new FivemProtocolException(FivemProtocolException.Kind.MESSAGE, "too many object id runs");
        }
        List<Entry> entries = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            entries.add(new Entry(r.u16(), r.u16()));
        }
        r.expectEnd();
        return entries;
    }
}
